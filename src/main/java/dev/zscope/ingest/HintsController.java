package dev.zscope.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ProblemDetail;
import dev.zscope.base.PointText;
import dev.zscope.detection.StreamHints;
import dev.zscope.engine.DetectionEngine;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stream's hints over the API: {@code PUT /api/v1/streams/{stream}/hints} with
 * {@code {"min": 0, "max": 100, "period": 1440}} (each member optional; absent or null means not
 * given, so {@code {}} takes every hint away) and {@code GET} of the same URL. A stream that does
 * not exist yet is created, so hints can be declared before its first point. The answer says
 * whether the stream's detector uses hints at all.
 */
@RestController
class HintsController {

    /** A hints body is three numbers: anything longer is not one. */
    private static final long MAX_BODY = 4096;
    private static final Set<String> MEMBERS = Set.of(StreamHints.MIN, StreamHints.MAX, StreamHints.PERIOD);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DetectionEngine engine;

    HintsController(DetectionEngine engine) {
        this.engine = engine;
    }

    /** The request body's shape, for the API description only (the body is read by hand). */
    @Schema(name = "StreamHints", description = "What is known of a stream in advance; every member optional")
    record HintsDoc(@Schema(description = "The lowest value the stream can take", example = "0") Double min,
                    @Schema(description = "The highest value the stream can take", example = "100") Double max,
                    @Schema(description = "The season in points, 1 or more", example = "1440") Long period) {
    }

    /** The hints in force; null members are not given. */
    record Hints(String stream, Double min, Double max, Long period, String detector, boolean used) {
    }

    @Operation(summary = "Read a stream's hints", description = "Read scope. Null members are not given.")
    @ApiResponse(responseCode = "200", description = "The hints in force and whether the stream's detector uses them")
    @ApiResponse(responseCode = "400", description = "An invalid stream name", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the read scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such stream", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/api/v1/streams/{stream}/hints")
    Hints get(@PathVariable String stream) {
        IngestService.requireName(stream);
        if (!engine.exists(stream)) {
            throw new IngestException(HttpStatus.NOT_FOUND, "No such stream", "there is no stream '" + stream + "'");
        }
        return answer(stream);
    }

    @Operation(summary = "Set a stream's hints (creating the stream if new)",
            description = "Write scope. Each member is optional; absent or null means not given, so {} takes every"
                    + " hint away.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = HintsDoc.class),
                    examples = @ExampleObject(name = "hints", value = "{\"min\": 0, \"max\": 100, \"period\": 1440}"))))
    @ApiResponse(responseCode = "200", description = "The hints now in force")
    @ApiResponse(responseCode = "400", description = "An invalid member (named) or stream name; nothing changed", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the write scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "A body over 4 KiB", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "Not application/json", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "No room for another stream; retry after Retry-After", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PutMapping("/api/v1/streams/{stream}/hints")
    Hints put(@PathVariable String stream, @Parameter(hidden = true) HttpServletRequest request) throws IOException {
        IngestService.requireName(stream);
        StreamHints hints = parse(request);
        try {
            engine.open(stream);
        } catch (IllegalStateException e) {
            throw IngestException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "No room for another stream",
                    e.getMessage(), 60);
        }
        engine.applyHints(stream, hints);
        return answer(stream);
    }

    private Hints answer(String stream) {
        StreamHints h = engine.hints(stream);
        var choice = engine.detectorChoice(stream);
        return new Hints(stream, Double.isFinite(h.min()) ? h.min() : null, Double.isFinite(h.max()) ? h.max() : null,
                h.hasPeriod() ? h.period() : null, choice.detector(), choice.takesHints());
    }

    private static StreamHints parse(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new IngestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "send the hints as application/json, e.g. {\"min\": 0, \"max\": 100, \"period\": 1440}");
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            throw LimitedInputStream.tooLarge(MAX_BODY);
        }
        JsonNode body;
        try (InputStream in = new LimitedInputStream(request.getInputStream(), MAX_BODY)) {
            body = JSON.readTree(in);
        } catch (JacksonException e) {
            throw invalid(null, "the body is not JSON (" + PointText.abbreviate(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw PointsController.unreadable(e);
        }
        if (body == null || !body.isObject()) {
            throw invalid(null, "the body must be an object like {\"min\": 0, \"max\": 100, \"period\": 1440}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.properties().iterator(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!MEMBERS.contains(name)) {
                throw invalid(name, "unknown member '" + PointText.abbreviate(name) + "'; hints are min, max and period");
            }
        }
        double min = number(body, StreamHints.MIN);
        double max = number(body, StreamHints.MAX);
        long period = period(body);
        try {
            return new StreamHints(min, max, period);
        } catch (IllegalArgumentException e) {
            throw invalid(StreamHints.MAX, e.getMessage());
        }
    }

    private static double number(JsonNode body, String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw invalid(name, name + " must be a finite number or null, not " + PointText.abbreviate(n.toString()));
        }
        return n.asDouble();
    }

    private static long period(JsonNode body) {
        JsonNode n = body.get(StreamHints.PERIOD);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 1 || n.asLong() > Integer.MAX_VALUE) {
            throw invalid(StreamHints.PERIOD, "period must be a whole number of points from 1 to "
                    + Integer.MAX_VALUE + " or null, not " + PointText.abbreviate(n.toString()));
        }
        return n.asLong();
    }

    private static IngestException invalid(String field, String reason) {
        return new IngestException(HttpStatus.BAD_REQUEST, "Invalid hints", reason + "; nothing was changed", 0,
                field);
    }
}
