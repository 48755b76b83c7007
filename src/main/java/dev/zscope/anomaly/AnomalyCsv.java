package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import java.io.IOException;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The one place that knows how an {@link Anomaly} becomes a CSV row and back, so that the log, its
 * read-back and the export cannot drift apart.
 *
 * <p>The columns of {@code anomalies.csv} (and of an export), in this order:
 * <ol>
 *   <li>{@code time}: when the point was observed, ISO-8601 UTC as {@link Instant#toString()}</li>
 *   <li>{@code stream}: the stream's name, any text (CSV-quoted when needed)</li>
 *   <li>{@code value}, {@code score}, {@code severity}, {@code expected}, {@code lower}, {@code upper}, {@code std},
 *       {@code z}, {@code threshold}: doubles as {@link Double#toString(double)}, which round-trips
 *       exactly; {@code NaN} where the detector has no such figure (a band, a Gaussian baseline), an
 *       infinite z as {@code Infinity} or {@code -Infinity}</li>
 *   <li>{@code window}: the window size, an integer (0 when the detector has none)</li>
 *   <li>{@code detector}: the detector's name</li>
 * </ol>
 * Changing this list changes the header, which makes {@link AnomalyLog} archive the old file and
 * start a new one; it never mixes two headers in one file. Files of the first version
 * ({@code time,stream,value,mean,std,z,threshold,window,detector}, before scores and bands were
 * recorded) are still read: {@code mean} is the expected value, and score and band are derived as
 * the Z-score detector reports them. Files from before {@code severity} was recorded read it as NaN
 * (unknown): it cannot be derived from the other columns.
 */
final class AnomalyCsv {

    /** The header of the current file version. */
    static final List<String> COLUMNS = List.of("time", "stream", "value", "score", "severity", "expected", "lower",
            "upper", "std", "z", "threshold", "window", "detector");

    private static final int TIME = 0, STREAM = 1, VALUE = 2, SCORE = 3, SEVERITY = 4, EXPECTED = 5, LOWER = 6,
            UPPER = 7, STD = 8, Z = 9, THRESHOLD = 10, WINDOW = 11, DETECTOR = 12;

    /** Columns a file of the first version lacks; its rows get them derived. */
    private static final List<Integer> DERIVABLE = List.of(SCORE, LOWER, UPPER);
    /** Columns files of earlier versions lack and that cannot be derived: read as NaN. */
    private static final List<Integer> OPTIONAL = List.of(SEVERITY);

    /** Writing the log: LF line ends, so a record is complete exactly when its newline is on disk. */
    static final CSVFormat LOG_FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    /**
     * Reading the log: lenient about a stray quote, so that one damaged row is skipped on its own
     * merits instead of aborting the whole read-back.
     */
    static final CSVFormat READ_FORMAT = LOG_FORMAT.builder()
            .setLenientEof(true).setTrailingData(true).get();

    /** Downloads: plain RFC 4180 (CRLF), which every spreadsheet opens. */
    static final CSVFormat EXPORT_FORMAT = CSVFormat.DEFAULT;

    private AnomalyCsv() {
    }

    /**
     * Prints one anomaly. For a spreadsheet the text cells are neutralised (see
     * {@link #neutralise(String)}); the numbers never are, so they stay numbers.
     */
    static void print(CSVPrinter printer, Anomaly a, boolean forSpreadsheet) throws IOException {
        printer.printRecord(
                a.time().toString(),
                forSpreadsheet ? neutralise(a.stream()) : a.stream(),
                Double.toString(a.value()),
                Double.toString(a.score()),
                Double.toString(a.severity()),
                Double.toString(a.expected()),
                Double.toString(a.lower()),
                Double.toString(a.upper()),
                Double.toString(a.std()),
                Double.toString(a.z()),
                Double.toString(a.threshold()),
                Integer.toString(a.window()),
                forSpreadsheet ? neutralise(a.detector()) : a.detector());
    }

    /**
     * Stops a spreadsheet from running a text cell as a formula (CSV injection): a cell starting
     * with {@code = + - @}, tab or carriage return gets a leading single quote. Stream names come
     * from whoever feeds data in, so they are untrusted.
     */
    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    /**
     * Undoes {@link #neutralise(String)} on a cell read back from the log. Unambiguous: a stream or
     * detector name never contains a quote, so a leading quote before a formula character can only
     * be the one neutralising added.
     */
    static String restore(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'') {
            return switch (cell.charAt(1)) {
                case '=', '+', '-', '@', '\t', '\r' -> cell.substring(1);
                default -> cell;
            };
        }
        return cell;
    }

    /**
     * Where each of {@link #COLUMNS} sits in a file with the given header, -1 where it is missing.
     * Lets rows of an older file be read by column name; a first-version file's {@code mean} is
     * taken as {@code expected}.
     */
    static int[] positions(List<String> header) {
        int[] positions = new int[COLUMNS.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = header.indexOf(COLUMNS.get(i));
        }
        if (positions[EXPECTED] < 0) {
            positions[EXPECTED] = header.indexOf("mean");
        }
        return positions;
    }

    /** Whether rows with these positions can be read: every column present, or derivable from the others. */
    static boolean complete(int[] positions) {
        return IntStream.range(0, positions.length)
                .allMatch(i -> positions[i] >= 0 || DERIVABLE.contains(i) || OPTIONAL.contains(i))
                && (legacy(positions) || DERIVABLE.stream().allMatch(i -> positions[i] >= 0));
    }

    private static boolean legacy(int[] positions) {
        return DERIVABLE.stream().allMatch(i -> positions[i] < 0);
    }

    /**
     * Parses one data row.
     *
     * @param positions  from {@link #positions(List)}, all present
     * @param fields     how many fields the file's header has; any other count means a damaged row
     * @param canonical  shares repeated stream and detector names, which a million rows have a lot of;
     *                   may be concurrent
     * @throws IllegalArgumentException with a reason fit for a log line when the row is unusable
     */
    static Anomaly parse(CSVRecord row, int[] positions, int fields, Map<String, String> canonical) {
        if (row.size() != fields) {
            throw new IllegalArgumentException("expected " + fields + " fields but found " + row.size());
        }
        Instant time;
        try {
            time = Instant.parse(row.get(positions[TIME]));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("bad time: " + e.getMessage(), e);
        }
        String stream = share(restore(row.get(positions[STREAM])), canonical);
        double value = number(row, positions, VALUE);
        double expected = number(row, positions, EXPECTED);
        double std = number(row, positions, STD);
        double z = number(row, positions, Z);
        double threshold = number(row, positions, THRESHOLD);
        int window;
        try {
            window = Integer.parseInt(row.get(positions[WINDOW]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad window: " + e.getMessage(), e);
        }
        String detector = share(restore(row.get(positions[DETECTOR])), canonical);
        double severity = positions[SEVERITY] < 0 ? Double.NaN : number(row, positions, SEVERITY);
        if (positions[SCORE] < 0) { // first version: complete() admits all derivable columns or none
            // score and band as the Z-score detector reports them
            return new Anomaly(time, stream, value, Double.isNaN(z) ? 0.0 : Math.abs(z), severity, expected,
                    expected - threshold * std, expected + threshold * std, std, z, threshold, window, detector);
        }
        return new Anomaly(time, stream, value, number(row, positions, SCORE), severity, expected,
                number(row, positions, LOWER), number(row, positions, UPPER), std, z, threshold, window, detector);
    }

    /**
     * Parses one line of a log with the given column positions (see {@link #parse(CSVRecord, int[], int, Map)}).
     *
     * @throws IllegalArgumentException with a reason fit for a log line when the line is unusable
     */
    static Anomaly parse(String line, int[] positions, int fields, Map<String, String> canonical) {
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(line, READ_FORMAT)) {
            rows = parser.getRecords();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("not a CSV line: " + e.getMessage(), e);
        }
        if (rows.size() != 1) {
            throw new IllegalArgumentException("expected one record but found " + rows.size());
        }
        return parse(rows.getFirst(), positions, fields, canonical);
    }

    /** The number in column {@code index}, or the reason naming that column. */
    private static double number(CSVRecord row, int[] positions, int index) {
        try {
            return Double.parseDouble(row.get(positions[index]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + COLUMNS.get(index) + ": " + e.getMessage(), e);
        }
    }

    private static String share(String text, Map<String, String> canonical) {
        String known = canonical.get(text);
        if (known == null) {
            known = canonical.putIfAbsent(text, text);
        }
        return known == null ? text : known;
    }
}
