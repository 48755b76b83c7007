package dev.zscope.replay.ui;

import dev.zscope.base.CappedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The backtest's upload limit ({@code zscope.backtest.max-upload-size}): what the view tells the
 * browser, the refusal of a file whose declared size is too large, and a stream that stops at the
 * first byte beyond the limit, for an upload that declared no size or a wrong one.
 */
final class UploadLimit {

    private final long maxBytes;

    UploadLimit(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be at least 1 byte");
        }
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** The limit for the browser's own check ({@code Upload.setMaxFileSize}); 0 when it does not fit an int. */
    int browserLimit() {
        return maxBytes <= Integer.MAX_VALUE ? (int) maxBytes : 0;
    }

    /** What the view says when a file is refused. */
    String message(String fileName) {
        return (fileName == null || fileName.isBlank() || fileName.equals("unknown") ? "The file" : fileName)
                + " is larger than the backtest's limit of " + size(maxBytes)
                + " (zscope.backtest.max-upload-size); nothing was kept.";
    }

    /** Whether an upload that declares {@code declaredBytes} (negative: unknown) is refused at once. */
    boolean refuses(long declaredBytes) {
        return declaredBytes > maxBytes;
    }

    /** {@code in}, throwing {@link TooLarge} at the first byte beyond the limit. */
    InputStream limit(InputStream in) {
        return new CappedInputStream(in, maxBytes) {
            @Override
            protected void excess() throws TooLarge {
                throw new TooLarge();
            }
        };
    }

    /** More bytes than the limit arrived. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("upload larger than the limit", null);
        }
    }

    /** 1073741824 as "1 GB", 1536 as "1.5 KB": binary units, as Spring's DataSize reads "1GB". */
    static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes"
                : (value == Math.rint(value) ? String.format(Locale.ROOT, "%d %s", (long) value, units[unit])
                        : String.format(Locale.ROOT, "%.1f %s", value, units[unit]));
    }
}
