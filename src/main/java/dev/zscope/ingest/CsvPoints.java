package dev.zscope.ingest;

import dev.zscope.base.PointText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Reads {@code timestamp,value} lines, with an optional header line {@code timestamp,value}. Cells
 * may be quoted as in RFC 4180 ({@code "2024-05-01 12:00:00",1.5}, {@code ""} for a quote); spaces
 * around a cell are ignored; empty lines are skipped; an empty timestamp cell means server time.
 * Rows are counted from 1 without the header.
 *
 * <p>The body is read through {@link PointText#lines}: a byte order mark at its start is dropped, and
 * a line longer than the limit ({@code zscope.ingest.max-line-length}) is refused with 413 and its
 * line number.
 *
 * <p>Hand-written rather than Commons CSV because the ingest path reads millions of two-cell lines
 * a second, and a general CSV reader cost three times the parsing here (measured with JFR). A line
 * break inside quotes is refused: no timestamp or number contains one.
 */
final class CsvPoints {

    private CsvPoints() {
    }

    /** Reads {@code body} into {@code batch} (which decides the limits) and returns it. */
    static PointBatch read(InputStream body, Charset charset, int maxLineLength, PointBatch batch) {
        var reader = new BufferedReader(PointText.lines(new InputStreamReader(body, charset), maxLineLength), 1 << 16);
        List<String> cells = new ArrayList<>(4);
        boolean first = true;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                cells.clear();
                split(line, cells, batch.size() + 1);
                if (first) {
                    first = false;
                    if (cells.size() == 2 && cells.get(0).equalsIgnoreCase("timestamp")
                            && cells.get(1).equalsIgnoreCase("value")) {
                        continue;
                    }
                }
                point(cells, batch);
            }
        } catch (IOException e) {
            throw PointsController.unreadable(e);
        } catch (PointText.LineTooLongException e) {
            throw new IngestException(HttpStatus.CONTENT_TOO_LARGE, "Line too long", "malformed CSV at "
                    + e.getMessage() + " (zscope.ingest.max-line-length); a point is one short line; "
                    + "nothing was written");
        }
        if (batch.size() == 0) {
            throw new IngestException(HttpStatus.BAD_REQUEST, "No points", "the body holds no points");
        }
        return batch;
    }

    /** Splits one line into trimmed, unquoted cells. */
    private static void split(String line, List<String> cells, int row) {
        if (line.indexOf('"') < 0) {
            int start = 0;
            int comma;
            while ((comma = line.indexOf(',', start)) >= 0) {
                cells.add(line.substring(start, comma).strip());
                start = comma + 1;
            }
            cells.add(line.substring(start).strip());
            return;
        }
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder cell = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw malformed("a quoted cell is not closed on its line", row);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw malformed("unexpected '" + line.charAt(i) + "' after a closing quote", row);
                }
                cells.add(cell.toString().strip());
            } else {
                int comma = line.indexOf(',', i);
                String cell = line.substring(i, comma < 0 ? n : comma).strip();
                if (cell.indexOf('"') >= 0) {
                    throw malformed("a quote inside an unquoted cell", row);
                }
                cells.add(cell);
                i = comma < 0 ? n : comma;
            }
            if (i >= n) {
                return;
            }
            i++; // the comma
        }
    }

    private static void point(List<String> cells, PointBatch batch) {
        int row = batch.size() + 1;
        if (cells.size() != 2) {
            throw IngestException.badRow(row, "point", "expected 2 cells (timestamp,value), found " + cells.size());
        }
        String time = cells.get(0);
        long timestamp;
        try {
            timestamp = time.isEmpty() ? 0 : PointText.timestamp(time, PointText.Mode.STRICT);
        } catch (IllegalArgumentException e) {
            throw IngestException.badRow(row, "timestamp", e.getMessage());
        }
        double value;
        try {
            value = PointText.value(cells.get(1), PointText.Mode.STRICT);
        } catch (IllegalArgumentException e) {
            throw IngestException.badRow(row, "value", e.getMessage());
        }
        if (time.isEmpty()) {
            batch.addAtServerTime(value);
        } else {
            batch.add(timestamp, value);
        }
    }

    private static IngestException malformed(String reason, int row) {
        return new IngestException(HttpStatus.BAD_REQUEST, "Malformed CSV",
                "malformed CSV at row " + row + ": " + reason + "; nothing was written", row, null);
    }
}
