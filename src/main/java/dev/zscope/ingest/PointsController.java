package dev.zscope.ingest;

import dev.zscope.base.PointText;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP ingest API ({@code /api/v1}). It reads the body itself rather than through a message
 * converter, so that the size limit is enforced while reading and every refusal, including an
 * unsupported media type, gets this API's problem body. Authentication and scopes are checked
 * before a request gets here ({@link ApiSecurityConfig}).
 */
@RestController
class PointsController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final IngestService service;
    private final DetectionEngine engine;
    private final IngestProperties properties;
    private final IngestMeters meters;

    PointsController(IngestService service, DetectionEngine engine, IngestProperties properties,
                     IngestMeters meters) {
        this.service = service;
        this.engine = engine;
        this.properties = properties;
        this.meters = meters;
    }

    /** The streams and their status, for read tokens (monitoring, checking that writes arrive). */
    record Streams(List<StreamStatus> streams) {
    }

    @Operation(summary = "List the streams and their status", description = "Read scope.")
    @ApiResponse(responseCode = "200", description = "Every live stream, by name")
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the read scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/api/v1/streams")
    Streams streams() {
        return new Streams(engine.statuses());
    }

    @Operation(summary = "Write points into a stream",
            description = "Write scope. The stream is created on its first point. All of the batch is written or"
                    + " none of it; the answer comes once the anomalies it raised are kept (see src/docs/ingest.md).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "One point or an array of them as JSON, or CSV with a timestamp,value header",
                    content = {
                        @Content(mediaType = "application/json", schema = @Schema(oneOf = {PointDoc.class,
                                PointDoc[].class}), examples = {
                                    @ExampleObject(name = "one", value = "{\"timestamp\":\"2024-05-01T12:00:00Z\",\"value\":21.5}"),
                                    @ExampleObject(name = "several", value = "[{\"timestamp\":1714564800000,\"value\":21.5},"
                                            + "{\"timestamp\":1714564810000,\"value\":21.7}]")}),
                        @Content(mediaType = "text/csv", schema = @Schema(type = "string",
                                description = "A timestamp,value header (or value alone), then one point a line"),
                                examples = @ExampleObject(name = "csv", value = PointDoc.CSV_EXAMPLE))}))
    @ApiResponse(responseCode = "200", description = "Written, and its anomalies kept")
    @ApiResponse(responseCode = "400", description = "An invalid point or stream name (the row and field are named)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the write scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "A point older than the one before it, or too many streams",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Too many points or too large a body", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "Neither JSON (UTF-8) nor CSV", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Anomalies cannot be kept right now; retry after Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "507", description = "The disk is full; retry after Retry-After", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/api/v1/streams/{stream}/points")
    ResponseEntity<?> points(
            @Parameter(description = "The stream: 1 to 100 letters, digits, '.', '_', '-' or ':'",
                    schema = @Schema(pattern = "[A-Za-z0-9._:-]{1,100}")) @PathVariable String stream,
            HttpServletRequest request)
            throws IOException {
        IngestService.requireName(stream);
        MediaType type = contentType(request.getContentType());
        long limit = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw LimitedInputStream.tooLarge(limit);
        }
        PointBatch batch = service.newBatch(properties.maxPoints());
        try (InputStream body = new LimitedInputStream(request.getInputStream(), limit)) {
            if (type.isCompatibleWith(CSV)) {
                CsvPoints.read(body, charset(type), (int) properties.maxLineLength().toBytes(), batch);
            } else {
                JsonPoints.read(body, batch);
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (!service.judgesHere()) { // cluster mode: 202 once the broker has the points (src/docs/cluster.md)
            var accepted = service.accept(stream, batch);
            meters.accepted();
            return ResponseEntity.accepted().body(accepted);
        }
        IngestService.Result result = service.write(stream, batch);
        meters.accepted();
        return ResponseEntity.ok(result);
    }

    /**
     * A body that could not be read: the client closed the connection or sent less than its
     * {@code Content-Length}, or the read timed out. The client's failure, so 400 and no ERROR.
     */
    static IngestException unreadable(IOException e) {
        return new IngestException(HttpStatus.BAD_REQUEST, "Unreadable body", "the request body could not be "
                + "read to its end (" + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                : ": " + PointText.abbreviate(e.getMessage())) + "); nothing was written");
    }

    private static MediaType contentType(String header) {
        if (header == null || header.isBlank()) {
            throw unsupported("no Content-Type");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            throw unsupported("malformed Content-Type '" + PointText.abbreviate(header) + "'");
        }
        if (type.isCompatibleWith(CSV) && !type.isWildcardType() && !type.isWildcardSubtype()) {
            return type;
        }
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType() && !type.isWildcardSubtype()) {
            if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
                throw unsupported("JSON must be UTF-8, not " + type.getCharset());
            }
            return type;
        }
        throw unsupported("Content-Type " + PointText.abbreviate(header) + " is not supported");
    }

    private static Charset charset(MediaType type) {
        try {
            return type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        } catch (IllegalArgumentException e) {
            throw unsupported("unknown charset in " + type);
        }
    }

    private static IngestException unsupported(String reason) {
        return new IngestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                reason + "; send application/json or text/csv");
    }
}
