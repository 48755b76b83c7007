package dev.zscope.anomaly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
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
    private static final int BATCH = 4096;
    /** Enough batches to keep the pool busy, few enough that memory stays bounded (a batch is ~2 MB). */
    private static final int MAX_IN_FLIGHT = Math.min(8, 2 * ForkJoinPool.getCommonPoolParallelism() + 2);

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
     * Feeds every usable data row to {@code sink}, in file order, on the calling thread.
     *
     * <p>Converting the text to numbers costs about as much as the CSV parsing itself, so it runs on
     * the common pool in batches while this thread parses on; the batches are handed to
     * {@code sink} in order.
     *
     * @param header the file's header as {@link #header(Path)} returned it; it must name all of
     *               {@link AnomalyCsv#COLUMNS}, in any order
     */
    static Result read(Path file, List<String> header, Consumer<? super Anomaly> sink) throws IOException {
        int[] positions = AnomalyCsv.positions(header);
        if (!AnomalyCsv.complete(positions)) {
            throw new IllegalArgumentException("header " + header + " lacks some of " + AnomalyCsv.COLUMNS);
        }
        Map<String, String> canonical = new ConcurrentHashMap<>();
        Deque<CompletableFuture<Batch>> inFlight = new ArrayDeque<>();
        long[] counts = new long[2]; // read, skipped
        try (CSVParser parser = AnomalyCsv.READ_FORMAT.parse(open(file))) {
            Iterator<CSVRecord> records = parser.iterator();
            List<CSVRecord> rows = new ArrayList<>(BATCH);
            long[] lines = new long[BATCH];
            try {
                if (records.hasNext()) {
                    records.next(); // the header
                }
                while (records.hasNext()) {
                    rows.add(records.next());
                    lines[rows.size() - 1] = parser.getCurrentLineNumber();
                    if (rows.size() == BATCH) {
                        submit(rows, lines, positions, header.size(), canonical, inFlight);
                        rows = new ArrayList<>(BATCH);
                        lines = new long[BATCH];
                        while (inFlight.size() > MAX_IN_FLIGHT) {
                            deliver(inFlight.remove().join(), file, sink, counts);
                        }
                    }
                }
            } catch (UncheckedIOException e) {
                // Not expected with the lenient format, but a read-back must not stop the app from starting.
                LOG.warn("{} line {}: stopped reading, the rest of the file is not shown: {}", file,
                        parser.getCurrentLineNumber(), e.getMessage());
            }
            submit(rows, lines, positions, header.size(), canonical, inFlight);
        } finally {
            while (!inFlight.isEmpty()) {
                deliver(inFlight.remove().join(), file, sink, counts);
            }
        }
        if (counts[1] > DETAILED_WARNINGS) {
            LOG.warn("{}: skipped {} unparseable rows in all", file, counts[1]);
        }
        return new Result(counts[0], counts[1]);
    }

    /** Parsed rows, a {@code null} anomaly where the row was unusable and {@code problems} says why. */
    private record Batch(Anomaly[] anomalies, String[] problems, long[] lines) {
    }

    private static void submit(List<CSVRecord> rows, long[] lines, int[] positions, int fields,
                               Map<String, String> canonical, Deque<CompletableFuture<Batch>> inFlight) {
        if (!rows.isEmpty()) {
            inFlight.add(CompletableFuture.supplyAsync(() -> convert(rows, lines, positions, fields, canonical)));
        }
    }

    private static Batch convert(List<CSVRecord> rows, long[] lines, int[] positions, int fields,
                                 Map<String, String> canonical) {
        Anomaly[] anomalies = new Anomaly[rows.size()];
        String[] problems = new String[rows.size()];
        for (int i = 0; i < anomalies.length; i++) {
            try {
                anomalies[i] = AnomalyCsv.parse(rows.get(i), positions, fields, canonical);
            } catch (IllegalArgumentException e) {
                problems[i] = e.getMessage();
            }
        }
        return new Batch(anomalies, problems, lines);
    }

    private static void deliver(Batch batch, Path file, Consumer<? super Anomaly> sink, long[] counts) {
        for (int i = 0; i < batch.anomalies().length; i++) {
            if (batch.anomalies()[i] != null) {
                sink.accept(batch.anomalies()[i]);
                counts[0]++;
            } else if (++counts[1] <= DETAILED_WARNINGS) {
                LOG.warn("{} line {}: skipped unparseable row: {}", file, batch.lines()[i], batch.problems()[i]);
            }
        }
    }

    /**
     * A decoder that replaces bytes which are not UTF-8 instead of throwing, so that one corrupt
     * byte costs at most its row.
     */
    private static Reader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }
}
