package dev.zscope.ingest;

import dev.zscope.base.PointText;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.history.HistoryBusyException;
import dev.zscope.history.HistoryService;
import dev.zscope.history.Series;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads a stream's points back from the point store ({@code GET /api/v1/streams/{stream}/points},
 * read scope): one summary per {@code step} over {@code [from, to]}, and every anomaly in the range
 * as it was judged. Times are ISO-8601 with an offset or epoch milliseconds; {@code to} defaults to
 * now, {@code from} to an hour before {@code to}, {@code step} to a thousandth of the range. A step
 * is an ISO-8601 duration ({@code PT1M}), a number with a unit ({@code 10s}, {@code 5m}) or a number
 * of milliseconds. See {@code src/docs/history.md}.
 */
@RestController
class SeriesController {

    /** Buckets a range is cut into when no step is given. */
    static final int DEFAULT_BUCKETS = 1000;

    private final HistoryService history;
    private final DetectionEngine engine;

    SeriesController(HistoryService history, DetectionEngine engine) {
        this.history = history;
        this.engine = engine;
    }

    /** The answer; NaN (no expectation, no band) is null. */
    record SeriesBody(String stream, String from, String to, long step, List<PointBody> points,
                      List<AnomalyBody> anomalies, boolean anomaliesTruncated) {
    }

    /** One step's points: the bucket's start, how many points, lowest, highest, mean, newest, mean band. */
    record PointBody(String time, int count, Double min, Double max, Double mean, Double last, Double expected,
                     Double lower, Double upper) {
    }

    /** An anomaly as judged. */
    record AnomalyBody(String time, double value, Double score, Double severity, Double expected, Double lower,
                       Double upper) {
    }

    @Operation(summary = "Read a stream's points back", description = "Read scope. From the point store (48 h raw,"
            + " 30 days by the minute), thinned to one point per step with every anomaly kept; from and to as ISO-8601"
            + " or epoch ms, step as PT1M, 1m or ms (see src/docs/history.md).")
    @ApiResponse(responseCode = "200", description = "The series")
    @ApiResponse(responseCode = "400", description = "An invalid time, step or stream name (named)", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the read scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such stream", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/api/v1/streams/{stream}/points")
    SeriesBody points(@PathVariable String stream, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) String step) {
        IngestService.requireName(stream);
        if (!engine.exists(stream)) {
            throw new IngestException(HttpStatus.NOT_FOUND, "No such stream", "no stream called '" + stream + "'");
        }
        long end = to == null ? engine.nowMillis() : time("to", to);
        long start = from == null ? end - Duration.ofHours(1).toMillis() : time("from", from);
        if (start > end) {
            throw invalid("from", "'from' (" + Instant.ofEpochMilli(start) + ") is after 'to' (" + Instant.ofEpochMilli(end) + ")");
        }
        long width = step == null ? Math.max(1, Math.ceilDiv(end - start + 1, DEFAULT_BUCKETS)) : step(step);
        if ((end - start) / width + 1 > HistoryService.MAX_BUCKETS) {
            throw invalid("step", "the range holds more than " + HistoryService.MAX_BUCKETS + " steps of " + width
                    + " ms: choose a step of at least " + Math.ceilDiv(end - start + 1, HistoryService.MAX_BUCKETS)
                    + " ms or a shorter range");
        }
        Series s;
        try {
            s = history.series(stream, start, end, width);
        } catch (HistoryBusyException e) {
            throw IngestException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "Busy", e.getMessage(), 5);
        }
        List<PointBody> points = s.buckets().stream().map(b -> new PointBody(iso(b.start()), b.count(), num(b.min()),
                num(b.max()), num(b.mean()), num(b.last()), num(b.expected()), num(b.lower()), num(b.upper()))).toList();
        List<AnomalyBody> anomalies = s.marks().stream().filter(Series.Mark::anomaly).map(m -> new AnomalyBody(
                iso(m.time()), m.value(), num(m.score()), num(Double.parseDouble(Float.toString((float) m.severity()))), num(m.expected()), num(m.lower()),
                num(m.upper()))).toList();
        return new SeriesBody(stream, iso(start), iso(end), width, points, anomalies, s.marksTruncated());
    }

    /**
     * A time parameter: ISO-8601 with an offset or epoch milliseconds. A '+' of an offset that the
     * query string turned into a space (an unencoded {@code +01:00}) is read as the '+' it was.
     */
    private static long time(String name, String text) {
        String t = text.matches(".*T.* \\d\\d(:?\\d\\d)?$") ? text.substring(0, text.lastIndexOf(' ')) + "+"
                + text.substring(text.lastIndexOf(' ') + 1) : text;
        try {
            return PointText.timestamp(t, PointText.Mode.STRICT);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "'" + name + "': " + e.getMessage());
        }
    }

    private static long step(String text) {
        Duration d;
        try {
            d = DurationStyle.detectAndParse(text.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("step", "'step': '" + PointText.abbreviate(text) + "' is not a duration: use milliseconds"
                    + " (60000), a number with a unit (10s, 5m, 1h) or ISO-8601 (PT1M)");
        }
        if (d.isNegative() || d.isZero()) {
            throw invalid("step", "'step' must be at least 1 ms, got '" + PointText.abbreviate(text) + "'");
        }
        return Math.max(1, d.toMillis());
    }

    private static IngestException invalid(String field, String detail) {
        return new IngestException(HttpStatus.BAD_REQUEST, "Invalid parameter", detail, 0, field);
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static Double num(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
