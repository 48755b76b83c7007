package dev.zscope.ingest;

import java.time.Instant;
import java.util.Set;

/**
 * What is known about an API token apart from its secret, which Zscope never keeps.
 *
 * @param id      a short random identifier, to name the token in the UI and the file
 * @param name    what the token is for, given by whoever created it
 * @param scopes  what it allows
 * @param created when it was created (configuration and environment tokens: when the server started)
 * @param revoked when it was revoked, or null while it is valid
 * @param origin  where it comes from; only {@link Origin#ADMIN} tokens can be revoked in the UI
 */
public record TokenInfo(String id, String name, Set<Scope> scopes, Instant created, Instant revoked,
                        Origin origin) {

    /** Where a token comes from. */
    public enum Origin {
        /** Created by an admin in the UI; kept in {@code tokens.csv}. */
        ADMIN,
        /** Listed in {@code zscope.ingest.tokens}. */
        CONFIGURATION,
        /** Given by {@code ZSCOPE_BOOTSTRAP_TOKEN} at start. */
        ENVIRONMENT
    }

    public TokenInfo {
        scopes = Set.copyOf(scopes);
    }

    public boolean isRevoked() {
        return revoked != null;
    }

    /** Whether the UI may revoke it: configuration and environment tokens are revoked at their source. */
    public boolean isRevocable() {
        return origin == Origin.ADMIN && revoked == null;
    }

    TokenInfo revokedAt(Instant when) {
        return new TokenInfo(id, name, scopes, created, when, origin);
    }
}
