package dev.zscope.alert;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert API: {@code GET /api/v1/alerts} (read scope), and silences in Alertmanager's v2 form,
 * {@code GET} and {@code POST /api/v1/silences}, {@code DELETE /api/v1/silences/{id}} (write scope
 * to change). Scopes are checked before a request gets here; refusals are problem bodies
 * ({@link AlertApiProblems}).
 */
@RestController
class AlertApiController {

    /** The largest silence body accepted. */
    static final int MAX_BODY = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertService alerts;
    private final SilenceService silences;
    private final AlertRuntime runtime;

    AlertApiController(AlertService alerts, SilenceService silences, AlertRuntime runtime) {
        this.alerts = alerts;
        this.silences = silences;
        this.runtime = runtime;
    }

    /**
     * Alerts, newest first: {@code ?state=firing,pending} (repeatable or comma-separated),
     * {@code ?stream=cpu}, {@code ?limit=100} (at most 1,000), {@code ?offset=0}.
     */
    @Operation(summary = "List alerts", description = "Read scope. Newest first; filter by state (repeatable or"
            + " comma-separated: pending, firing, resolved, nodata) and stream; limit at most 1,000.")
    @ApiResponse(responseCode = "200", description = "{\"alerts\": [...], \"total\": n}")
    @ApiResponse(responseCode = "400", description = "An invalid state, limit or offset", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the read scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/api/v1/alerts")
    Map<String, Object> alerts(@RequestParam(name = "state", required = false) List<String> states,
                               @RequestParam(name = "stream", required = false) String stream,
                               @RequestParam(name = "limit", defaultValue = "100") String limit,
                               @RequestParam(name = "offset", defaultValue = "0") String offset) {
        Set<AlertState> wanted = EnumSet.noneOf(AlertState.class);
        if (states != null) {
            for (String s : states) {
                for (String part : s.split(",")) {
                    if (!part.isBlank()) {
                        wanted.add(AlertState.parse(part));
                    }
                }
            }
        }
        int max = number("limit", limit, 0, 1000);
        int skip = number("offset", offset, 0, 1_000_000);
        AlertFilter filter = new AlertFilter(stream, wanted);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Alert a : alerts.find(filter, skip, max)) {
            out.add(AlertJson.alert(a, runtime.links));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alerts", out);
        body.put("total", alerts.count(filter));
        return body;
    }

    /** Silences that have not ended, and those that ended within a day, in Alertmanager's form. */
    @Operation(summary = "List silences", description = "Read scope. Silences not ended, and those ended within a"
            + " day, in Alertmanager's v2 form.")
    @ApiResponse(responseCode = "200", description = "The silences")
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the read scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/api/v1/silences")
    List<Map<String, Object>> silences() {
        Instant now = Instant.ofEpochMilli(runtime.evaluator.now());
        return silences.silences().stream().map(s -> AlertJson.silence(s, now)).toList();
    }

    /** Creates a silence (or replaces the one whose {@code id} it names): Alertmanager's {@code PostableSilence}. */
    @Operation(summary = "Create or replace a silence", description = "Write scope. Alertmanager's v2"
            + " PostableSilence: matchers on the stream name, startsAt, endsAt, createdBy, comment (64 KB at most).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", examples = @ExampleObject(name = "silence", value = "{\"matchers\":"
                    + "[{\"name\":\"stream\",\"value\":\"cpu\",\"isRegex\":false,\"isEqual\":true}],"
                    + "\"startsAt\":\"2026-12-07T10:00:00Z\",\"endsAt\":\"2026-12-07T12:00:00Z\","
                    + "\"createdBy\":\"ops\",\"comment\":\"maintenance\"}"))))
    @ApiResponse(responseCode = "200", description = "{\"silenceID\": \"...\"}")
    @ApiResponse(responseCode = "400", description = "An invalid silence (the member is named)", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the write scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "A body over 64 KB", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/api/v1/silences")
    Map<String, String> silence(HttpServletRequest request) throws IOException {
        JsonNode body = read(request);
        List<SilenceMatcher> matchers = new ArrayList<>();
        JsonNode list = body.get("matchers");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("matchers must be a list of {name, value, isRegex, isEqual}");
        }
        for (JsonNode m : list) {
            matchers.add(new SilenceMatcher(text(m, "name", true), text(m, "value", true), flag(m, "isRegex", false),
                    flag(m, "isEqual", true)));
        }
        Silence s = silences.silence(text(body, "id", false), matchers, time(body, "startsAt"), time(body, "endsAt"),
                text(body, "createdBy", false), text(body, "comment", false));
        return Map.of("silenceID", s.id());
    }

    /** Ends a silence now. */
    @Operation(summary = "End a silence now", description = "Write scope.")
    @ApiResponse(responseCode = "200", description = "Ended (no body)")
    @ApiResponse(responseCode = "401", description = "No valid token", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks the write scope", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such silence", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @DeleteMapping("/api/v1/silences/{id}")
    void expire(@PathVariable String id) {
        silences.expire(id);
    }

    private static JsonNode read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw tooLarge();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object (Alertmanager's PostableSilence)");
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static ResponseStatusException tooLarge() {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "a silence body has at most 64 KB");
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("a matcher needs a " + field);
            }
            return null;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asString();
    }

    private static boolean flag(JsonNode node, String field, boolean absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static Instant time(JsonNode node, String field) {
        String t = text(node, field, false);
        if (t == null) {
            throw new IllegalArgumentException(field + " is required (RFC 3339, e.g. 2026-12-07T10:00:00Z)");
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an RFC 3339 time such as 2026-12-07T10:00:00Z");
        }
    }

    private static int number(String name, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }
}
