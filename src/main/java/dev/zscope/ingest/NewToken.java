package dev.zscope.ingest;

/**
 * A token just created: the secret, to be shown to its creator exactly once, and its description.
 * Do not log or keep {@link #secret()}; Zscope itself keeps only its SHA-256.
 */
public record NewToken(String secret, TokenInfo info) {

    /** Leaves the secret out, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "NewToken[secret=<hidden>, info=" + info + "]";
    }
}
