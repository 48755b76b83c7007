package dev.zscope.ingest;

import dev.zscope.base.CappedInputStream;
import java.io.InputStream;
import org.springframework.http.HttpStatus;

/**
 * Counts the bytes of a request body as they are read and refuses the first byte beyond the limit
 * (413), so a chunked body or a wrong {@code Content-Length} cannot make the server read more.
 */
final class LimitedInputStream extends CappedInputStream {

    private final long limit;

    LimitedInputStream(InputStream in, long limit) {
        super(in, limit);
        this.limit = limit;
    }

    static IngestException tooLarge(long limit) {
        return new IngestException(HttpStatus.CONTENT_TOO_LARGE, "Body too large",
                "the request body is larger than " + limit + " bytes (zscope.ingest.max-body-size); "
                        + "split the batch; nothing was written");
    }

    @Override
    protected void excess() {
        throw tooLarge(limit);
    }
}
