package dev.zscope.anomaly;

/**
 * Anomalies could not be kept: the log or the database refused a write. {@link #diskFull()} tells a
 * full disk (retry once space is freed) from any other failure (retry later); either way nothing of
 * the refused group is in either store.
 */
public final class StoreUnavailableException extends RuntimeException {

    private final boolean diskFull;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.diskFull = isDiskFull(cause);
    }

    /** Whether a full disk (ENOSPC) caused it. */
    public boolean diskFull() {
        return diskFull;
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("There is not enough space"))) {
                return true;
            }
        }
        return false;
    }
}
