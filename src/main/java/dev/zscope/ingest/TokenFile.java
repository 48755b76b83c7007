package dev.zscope.ingest;

import dev.zscope.base.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code tokens.csv}: the tokens admins created, one per row with its SHA-256 but never its secret.
 * Rewritten whole on every change (tokens are few), through a temporary file moved into place, so
 * a crash leaves the old or the new file, never half of one; owner-readable only where the file
 * system allows, since a hash still identifies a token.
 */
final class TokenFile {

    static final String NAME = "tokens.csv";
    private static final String[] COLUMNS = {"id", "name", "scopes", "created", "revoked", "sha256"};
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /** A token as stored: its description and the hash a presented secret must match. */
    record Stored(TokenInfo info, String sha256) {
    }

    private final Path file;

    TokenFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /**
     * The stored tokens; none if the file does not exist. Fails the start on a damaged file, saying
     * what to do: the file is always written whole, so an empty, headless or cut file is damage,
     * and reading it as "no tokens" would silently lock every client out.
     */
    List<Stored> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Stored> tokens = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT.builder()
                     .setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (!parser.getHeaderNames().equals(Arrays.asList(COLUMNS))) {
                throw new IllegalStateException(file + " is damaged: its first line is not the header "
                        + String.join(",", COLUMNS) + ". Restore it from a backup, or delete it and create the"
                        + " tokens again (their clients need the new secrets).");
            }
            for (CSVRecord r : parser) {
                try {
                    if (!r.isConsistent()) {
                        throw new IllegalArgumentException("expected " + COLUMNS.length + " fields, found " + r.size());
                    }
                    if (!SHA256.matcher(r.get("sha256")).matches()) {
                        throw new IllegalArgumentException("the sha256 is not 64 hexadecimal digits");
                    }
                    var scopes = Arrays.stream(r.get("scopes").split(" ")).map(Scope::parse)
                            .collect(Collectors.toSet());
                    String revoked = r.get("revoked");
                    tokens.add(new Stored(new TokenInfo(r.get("id"), r.get("name"), scopes,
                            Instant.parse(r.get("created")), revoked.isEmpty() ? null : Instant.parse(revoked),
                            TokenInfo.Origin.ADMIN), r.get("sha256")));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(file + " line " + parser.getCurrentLineNumber()
                            + " is damaged (" + e.getMessage() + "); fix or remove that line (its token then"
                            + " stops working)", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API tokens from " + file, e);
        }
        return tokens;
    }

    /** Replaces the file with {@code tokens}, atomically and readable by the owner only. */
    void save(List<Stored> tokens) {
        try {
            PrivateFiles.replace(file, writer -> {
                try (CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
                    printer.printRecord((Object[]) COLUMNS);
                    for (Stored t : tokens) {
                        TokenInfo i = t.info();
                        printer.printRecord(i.id(), i.name(), i.scopes().stream().map(Scope::label).sorted()
                                .collect(Collectors.joining(" ")), i.created(), i.revoked() == null ? "" : i.revoked(),
                                t.sha256());
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the API tokens in " + file, e);
        }
    }
}
