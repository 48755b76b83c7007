package dev.zscope.base;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and refuses the first byte beyond a limit, whatever size the
 * sender claimed: a chunked body, a wrong {@code Content-Length} or an upload cannot make the
 * server read more. Never asks the source for more than one byte past the limit, since that byte
 * alone proves the excess. Subclasses say how the excess is refused.
 */
public abstract class CappedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    protected CappedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** Called at the first byte beyond the limit; must throw. */
    protected abstract void excess() throws IOException;

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, limit - count + 1)));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        counted(skipped);
        return skipped;
    }

    private void counted(long n) throws IOException {
        count += n;
        if (count > limit) {
            excess();
        }
    }
}
