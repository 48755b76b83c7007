package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A log written with another header (by an older or newer Zscope, or by hand), moved out of the way
 * so that the new file never mixes two headers.
 *
 * <p>The old file is renamed to {@code anomalies-<hash>.csv} next to it, where {@code <hash>} is the
 * hexadecimal {@link String#hashCode()} of its comma-joined header; if that name is taken (the same
 * old version was archived before) {@code -1}, {@code -2}, ... is added. Nothing is ever deleted or
 * overwritten. When the old header still names every current column, in any order and perhaps with
 * extra ones, its rows are copied into the new file, so history survives an upgrade; otherwise they
 * stay only in the archive.
 */
final class LogArchive {

    private static final Logger LOG = LoggerFactory.getLogger(LogArchive.class);
    private static final int BATCH = 10_000;

    private final Path archived;
    private final List<String> header;

    private LogArchive(Path archived, List<String> header) {
        this.archived = archived;
        this.header = header;
    }

    /** Renames {@code log}, whose header is {@code header}, to a free archive name. */
    static LogArchive archive(Path log, List<String> header) throws IOException {
        String hash = String.format("%08x", String.join(",", header).hashCode());
        for (int n = 0; ; n++) {
            Path target = log.resolveSibling("anomalies-" + hash + (n == 0 ? "" : "-" + n) + ".csv");
            try {
                Files.move(log, target); // no REPLACE_EXISTING: an earlier archive is never overwritten
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            LOG.warn("{} has the header {} instead of {}; renamed it to {} and started a new file",
                    log, header, AnomalyCsv.COLUMNS, target);
            return new LogArchive(target, header);
        }
    }

    Path path() {
        return archived;
    }

    /**
     * Copies the archive's rows into {@code log}, if they can be mapped onto the current columns, so
     * history survives an upgrade. Returns how many were copied.
     */
    long carryOver(AnomalyLog log) throws IOException {
        if (!AnomalyCsv.complete(AnomalyCsv.positions(header))) {
            LOG.warn("The rows of {} lack some of the columns {}, so they are not shown; the file is kept",
                    archived, AnomalyCsv.COLUMNS);
            return 0;
        }
        long headerEnd = AnomalyLog.header(archived).map(h -> (long) (String.join(",", h).getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length + 1)).orElse(0L);
        java.io.IOException[] failed = new java.io.IOException[1];
        LogTail.Result result = LogTail.read(archived, headerEnd, header, BATCH, batch -> {
            if (failed[0] == null && !batch.anomalies().isEmpty()) {
                try {
                    log.append(batch.anomalies());
                } catch (java.io.IOException e) {
                    failed[0] = e;
                }
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        LOG.info("Carried {} anomalies over from {} into {} ({} unparseable rows skipped)",
                result.read(), archived, log.file(), result.skipped());
        return result.read();
    }
}
