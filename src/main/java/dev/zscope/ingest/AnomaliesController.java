package dev.zscope.ingest;

import dev.zscope.anomaly.AnomalyQuery;
import dev.zscope.anomaly.AnomalyService;
import dev.zscope.base.PointText;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.StreamNames;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/anomalies}: the anomalies kept, newest first, a page at a time, as JSON or (with
 * {@code Accept: text/csv}) as CSV. Every parameter is optional: {@code stream}, {@code from}
 * (inclusive) and {@code to} (exclusive) as ISO-8601 or epoch milliseconds, {@code minSeverity} in
 * [0, 1], {@code limit} (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) and the
 * {@code cursor} of the previous page. The next page's cursor is {@code nextCursor} in JSON and the
 * {@value #NEXT_CURSOR} header in both forms; null (absent) on the last page.
 */
@RestController
class AnomaliesController {

    static final String PATH = "/api/v1/anomalies";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    static final String NEXT_CURSOR = "Next-Cursor";
    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    static final List<String> CSV_COLUMNS = List.of("stream", "time", "value", "score", "severity", "expected",
            "lower", "upper", "detector");

    private final AnomalyService anomalies;

    AnomaliesController(AnomalyService anomalies) {
        this.anomalies = anomalies;
    }

    /** One anomaly in the API's words; numbers a detector does not report are null. */
    record AnomalyJson(String stream, String time, Double value, Double score, Double severity, Double expected,
                       Double lower, Double upper, String detector) {

        static AnomalyJson of(Anomaly a) {
            return new AnomalyJson(a.stream(), a.time().toString(), number(a.value()), number(a.score()),
                    number(a.severity()), number(a.expected()), number(a.lower()), number(a.upper()),
                    a.detector());
        }
    }

    /** A page: the anomalies, newest first, and the cursor of the next page (null on the last). */
    record AnomalyPage(List<AnomalyJson> anomalies, String nextCursor) {
    }

    @Operation(summary = "List anomalies, newest first",
            description = "Read scope. Every parameter is optional; without from and to, all anomalies. Page with"
                    + " nextCursor (JSON) or the Next-Cursor header (both forms) until it is absent.")
    @ApiResponse(responseCode = "200", description = "A page of anomalies", headers = @Header(name = NEXT_CURSOR,
            description = "The cursor of the next page; absent on the last"), content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = AnomalyPage.class)),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                        description = "Header stream,time,value,score,severity,expected,lower,upper,detector;"
                                + " an empty cell where a detector reports no such number"))})
    @ApiResponse(responseCode = "400", description = "A parameter is invalid (named in field)", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the read scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "406", description = "Accept allows neither JSON nor CSV", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(PATH)
    ResponseEntity<AnomalyPage> list(
            @Parameter(description = "Only this stream") @RequestParam(required = false) String stream,
            @Parameter(description = "Only anomalies at or after this time: ISO-8601 with an offset or epoch"
                    + " milliseconds") @RequestParam(required = false) String from,
            @Parameter(description = "Only anomalies before this time: ISO-8601 with an offset or epoch"
                    + " milliseconds") @RequestParam(required = false) String to,
            @Parameter(description = "Only anomalies at least this severe, from 0 to 1",
                    schema = @Schema(type = "number", minimum = "0", maximum = "1"))
            @RequestParam(required = false) String minSeverity,
            @Parameter(description = "At most this many anomalies (default 100)", schema = @Schema(type = "integer",
                    minimum = "1", maximum = "10000", defaultValue = "100"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "The nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException {
        boolean csv = wantsCsv(accept);
        AnomalyQuery query = query(stream, from, to, minSeverity);
        int size = limit(limit);
        AnomalyService.Position after = cursor == null || cursor.isEmpty() ? null : AnomalyCursor.decode(cursor);
        List<AnomalyService.Listed> rows = anomalies.newestFirst(query, after, size + 1);
        String next = rows.size() > size ? AnomalyCursor.encode(rows.get(size - 1).position()) : null;
        List<Anomaly> page = rows.stream().limit(size).map(AnomalyService.Listed::anomaly).toList();
        if (csv) {
            writeCsv(page, next, response);
            return null;
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (next != null) {
            answer.header(NEXT_CURSOR, next);
        }
        return answer.body(new AnomalyPage(page.stream().map(AnomalyJson::of).toList(), next));
    }

    private static void writeCsv(List<Anomaly> page, String next, HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("text/csv;charset=UTF-8");
        if (next != null) {
            response.setHeader(NEXT_CURSOR, next);
        }
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
        printer.printRecord(CSV_COLUMNS);
        for (Anomaly a : page) {
            printer.printRecord(AnomalyService.spreadsheetSafe(a.stream()), a.time().toString(), cell(a.value()),
                    cell(a.score()), cell(a.severity()), cell(a.expected()), cell(a.lower()), cell(a.upper()),
                    AnomalyService.spreadsheetSafe(a.detector()));
        }
        printer.flush();
    }

    /** CSV when the client ranks {@code text/csv} above JSON; JSON otherwise; 406 when it takes neither. */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw notAcceptable("malformed Accept header");
        }
        types = new java.util.ArrayList<>(types);
        types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed()); // stable
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
            if (type.isCompatibleWith(CSV)) {
                return true;
            }
        }
        throw notAcceptable("Accept " + PointText.abbreviate(accept) + " allows neither");
    }

    private static IngestException notAcceptable(String reason) {
        return new IngestException(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
                reason + "; this API answers application/json or text/csv");
    }

    static AnomalyQuery query(String stream, String from, String to, String minSeverity) {
        AnomalyQuery query = AnomalyQuery.all();
        if (stream != null) {
            if (!StreamNames.isValid(stream)) {
                throw badParameter("stream", "'" + PointText.abbreviate(stream) + "' is not a stream name: use 1 to"
                        + " 100 letters, digits, '.', '_', '-' or ':'");
            }
            query = query.withStream(stream);
        }
        query = query.withTimeRange(time("from", from), time("to", to));
        if (minSeverity != null) {
            query = query.withMinSeverity(severity(minSeverity));
        }
        return query;
    }

    private static Instant time(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(PointText.timestamp(text, PointText.Mode.STRICT));
        } catch (IllegalArgumentException e) {
            throw badParameter(name, e.getMessage());
        }
    }

    private static double severity(String text) {
        double v;
        try {
            v = PointText.value(text, PointText.Mode.STRICT);
        } catch (IllegalArgumentException e) {
            throw badParameter("minSeverity", e.getMessage() + "; give a number from 0 to 1");
        }
        if (v < 0 || v > 1) {
            throw badParameter("minSeverity", v + " is not from 0 to 1");
        }
        return v;
    }

    static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw badParameter("limit", "'" + PointText.abbreviate(text) + "' is not a whole number from 1 to " + MAX_LIMIT);
    }

    private static IngestException badParameter(String name, String reason) {
        return new IngestException(HttpStatus.BAD_REQUEST, "Invalid parameter", name + ": " + reason, 0, name);
    }

    private static Double number(double d) {
        return Double.isFinite(d) ? d : null;
    }

    private static String cell(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "";
    }
}
