package dev.zscope.anomaly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an anomaly log back into memory after a restart, so the grid shows history without the
 * file ever being loaded whole. Read-only: whatever is wrong with a row, the file stays as it is.
 *
 * <p>A complete row that cannot be used (wrong number of fields, a number or time that does not
 * parse) is skipped with a warning naming its line, and the rest is read. Only the first
 * {@value #DETAILED_WARNINGS} such rows are logged one by one, so a file written by some other
 * program cannot flood the log.
 */
final class AnomalyLogReader {

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyLogReader.class);
    private static final int DETAILED_WARNINGS = 100;

    /** What a read found. */
    record Result(long read, long skipped) {
    }

    private AnomalyLogReader() {
    }

    /** The file's header, or empty when it holds no record at all. */
    static Optional<List<String>> header(Path file) throws IOException {
        try (CSVParser parser = AnomalyCsv.READ_FORMAT.parse(open(file))) {
            Iterator<CSVRecord> records = parser.iterator();
            return records.hasNext() ? Optional.of(records.next().toList()) : Optional.empty();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Feeds every usable data row to {@code sink}, in file order.
     *
     * @param header the file's header as {@link #header(Path)} returned it; it must name all of
     *               {@link AnomalyCsv#COLUMNS}, in any order
     */
    static Result read(Path file, List<String> header, Consumer<? super Anomaly> sink) throws IOException {
        int[] positions = AnomalyCsv.positions(header);
        if (!AnomalyCsv.complete(positions)) {
            throw new IllegalArgumentException("header " + header + " lacks some of " + AnomalyCsv.COLUMNS);
        }
        Map<String, String> canonical = new HashMap<>();
        long read = 0;
        long skipped = 0;
        try (CSVParser parser = AnomalyCsv.READ_FORMAT.parse(open(file))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (records.hasNext()) {
                records.next(); // the header
            }
            try {
                while (records.hasNext()) {
                    CSVRecord row = records.next();
                    try {
                        sink.accept(AnomalyCsv.parse(row, positions, header.size(), canonical));
                        read++;
                    } catch (IllegalArgumentException e) {
                        if (++skipped <= DETAILED_WARNINGS) {
                            LOG.warn("{} line {}: skipped unparseable row: {}", file,
                                    parser.getCurrentLineNumber(), e.getMessage());
                        }
                    }
                }
            } catch (UncheckedIOException e) {
                // Not expected with the lenient format, but a read-back must not stop the app from starting.
                LOG.warn("{} line {}: stopped reading, the rest of the file is not shown: {}", file,
                        parser.getCurrentLineNumber(), e.getMessage());
            }
        }
        if (skipped > DETAILED_WARNINGS) {
            LOG.warn("{}: skipped {} unparseable rows in all", file, skipped);
        }
        return new Result(read, skipped);
    }

    /**
     * A decoder that replaces bytes which are not UTF-8 instead of throwing, so that one corrupt
     * byte costs at most its row.
     */
    private static Reader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }
}
