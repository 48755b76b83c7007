package dev.zscope.ingest;

import org.springframework.http.HttpStatus;

/**
 * A write the API refuses (also what a source inside the server is told by
 * {@link IngestService#write}), with what the problem body ({@code application/problem+json}) says:
 * the status, a short title, a detail naming the row and the reason, and the row and field as
 * members a client can act on without parsing the text.
 */
public final class IngestException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final int row;
    private final String field;
    private final long retryAfterSeconds;

    IngestException(HttpStatus status, String title, String detail, int row, String field) {
        this(status, title, detail, row, field, 0);
    }

    private IngestException(HttpStatus status, String title, String detail, int row, String field,
                            long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.row = row;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A refusal the client should retry after {@code seconds} (sent as {@code Retry-After}). */
    static IngestException retryLater(HttpStatus status, String title, String detail, long seconds) {
        return new IngestException(status, title, detail, 0, null, seconds);
    }

    /** A problem with the request as a whole, not with one row. */
    IngestException(HttpStatus status, String title, String detail) {
        this(status, title, detail, 0, null);
    }

    /** A 400 for row {@code row} (1-based): "row 3, value: ...". */
    static IngestException badRow(int row, String field, String reason) {
        return new IngestException(HttpStatus.BAD_REQUEST, "Invalid point",
                "row " + row + ", " + field + ": " + reason + "; nothing was written", row, field);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The 1-based row, 0 when the problem is not about one row. */
    int row() {
        return row;
    }

    /** Seconds to wait before retrying, 0 when retrying as it is will not help. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** {@code timestamp} or {@code value}, or null. */
    String field() {
        return field;
    }
}
