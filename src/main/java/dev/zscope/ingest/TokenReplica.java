package dev.zscope.ingest;

import java.util.function.Consumer;

/**
 * API tokens shared by several servers (cluster mode): a token an admin creates or revokes on one
 * server is published, and every server adds what was published to its own tokens, so a client's
 * token works on any of them. Only hashes travel, never a secret. Tokens from configuration and the
 * environment are not shared: give every server the same configuration.
 */
public interface TokenReplica {

    /** A token as shared: its description and the SHA-256 of its secret (hex). */
    record SharedToken(TokenInfo info, String sha256) {
    }

    /** Publishes a token created or revoked on this server. */
    void publish(SharedToken token);

    /**
     * Calls {@code listener} with every token published so far (at once, before returning), then
     * with each new one, on a thread of the replica's.
     */
    void follow(Consumer<SharedToken> listener);
}
