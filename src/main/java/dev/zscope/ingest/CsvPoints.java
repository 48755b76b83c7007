package dev.zscope.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;

/**
 * Reads {@code timestamp,value} lines (RFC 4180, so quoted cells work), with an optional header
 * line {@code timestamp,value}. An empty timestamp cell means server time; empty lines are skipped;
 * spaces around a cell are ignored. Rows are counted from 1 without the header.
 */
final class CsvPoints {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    private CsvPoints() {
    }

    static PointBatch read(InputStream body, Charset charset, int maxPoints) {
        PointBatch batch = new PointBatch(maxPoints);
        var reader = new BufferedReader(new InputStreamReader(body, charset), 1 << 16);
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            boolean first = true;
            while (hasNext(records, batch)) {
                CSVRecord record = records.next();
                if (first && isHeader(record)) {
                    first = false;
                    continue;
                }
                first = false;
                point(record, batch);
            }
        } catch (IOException e) {
            throw malformed(e.getMessage(), batch.size() + 1);
        }
        if (batch.size() == 0) {
            throw new IngestException(HttpStatus.BAD_REQUEST, "No points", "the body holds no points");
        }
        return batch;
    }

    /** Commons CSV reports a malformed record (an unclosed quote, say) while looking for the next. */
    private static boolean hasNext(Iterator<CSVRecord> records, PointBatch batch) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw malformed(cause.getMessage(), batch.size() + 1);
        }
    }

    private static boolean isHeader(CSVRecord record) {
        return record.size() == 2 && record.get(0).equalsIgnoreCase("timestamp")
                && record.get(1).equalsIgnoreCase("value");
    }

    private static void point(CSVRecord record, PointBatch batch) {
        int row = batch.size() + 1;
        if (record.size() != 2) {
            throw IngestException.badRow(row, "point", "expected 2 cells (timestamp,value), found "
                    + record.size());
        }
        String time = record.get(0);
        long timestamp;
        try {
            timestamp = time.isEmpty() ? PointBatch.SERVER_TIME : PointText.timestamp(time);
        } catch (IllegalArgumentException e) {
            throw IngestException.badRow(row, "timestamp", e.getMessage());
        }
        double value;
        try {
            value = PointText.value(record.get(1));
        } catch (IllegalArgumentException e) {
            throw IngestException.badRow(row, "value", e.getMessage());
        }
        batch.add(timestamp, value);
    }

    private static IngestException malformed(String reason, int row) {
        return new IngestException(HttpStatus.BAD_REQUEST, "Malformed CSV",
                "malformed CSV at row " + row + ": " + reason + "; nothing was written", row, null);
    }
}
