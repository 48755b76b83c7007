package dev.zscope.ingest;

import dev.zscope.anomaly.AnomalyService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.springframework.http.HttpStatus;

/**
 * The read API's {@code cursor}: where the last page ended (the time of its last anomaly in
 * microseconds, the store's precision, and its recording order), as an opaque URL-safe string. A
 * client hands it back unchanged; it stays valid for good, since anomalies are never deleted.
 */
final class AnomalyCursor {

    private static final String VERSION = "a1";

    private AnomalyCursor() {
    }

    static String encode(AnomalyService.Position position) {
        Instant t = position.time().truncatedTo(ChronoUnit.MICROS);
        long micros = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
        String text = VERSION + "." + micros + "." + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IngestException 400 for anything this class did not write */
    static AnomalyService.Position decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = text.split("\\.", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("unknown form");
            }
            long micros = Long.parseLong(parts[1]);
            long id = Long.parseLong(parts[2]);
            Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new AnomalyService.Position(time, id);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IngestException(HttpStatus.BAD_REQUEST, "Invalid cursor", "cursor: not a cursor this API gave out;"
                    + " pass the nextCursor of the previous page unchanged, or leave it out for the first page");
        }
    }
}
