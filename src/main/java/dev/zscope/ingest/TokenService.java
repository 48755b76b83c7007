package dev.zscope.ingest;

import dev.zscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import dev.zscope.ingest.TokenFile.Stored;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * The API tokens: those admins create in the UI (kept in {@code tokens.csv}), those listed in
 * configuration as SHA-256, and the one given by {@value #BOOTSTRAP_VARIABLE} at start.
 *
 * <p>Only hashes are kept. A presented token is hashed and looked up; comparing hashes of random
 * 256-bit secrets leaks nothing useful through timing, so a map lookup is as safe as a constant-time
 * comparison and costs the same for one token or thousands.
 *
 * <p>In cluster mode a {@link TokenReplica} shares the tokens admins create and revoke, so every
 * server knows them (each keeps them in its own {@code tokens.csv} too).
 */
@Service
public class TokenService {

    /** The environment variable (read as a Spring property) that provisions a write+read token. */
    static final String BOOTSTRAP_VARIABLE = "ZSCOPE_BOOTSTRAP_TOKEN";

    /** The least a bootstrap token may have, so a placeholder like "changeme" stops the start. */
    static final int BOOTSTRAP_MIN_LENGTH = 20;

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);

    private final TokenFile file;
    private final Clock clock;
    private final Map<String, Stored> byHash = new ConcurrentHashMap<>();
    private TokenReplica replica;

    @Autowired
    public TokenService(IngestProperties properties, Environment environment, ObjectProvider<TokenReplica> replica) {
        this(properties, environment.getProperty(BOOTSTRAP_VARIABLE), Clock.systemUTC());
        TokenReplica shared = replica.getIfAvailable();
        if (shared != null) {
            share(shared);
        }
    }

    /** Shares admin-created tokens through {@code shared} from now on, adopting those published so far. */
    synchronized void share(TokenReplica shared) {
        this.replica = shared;
        shared.follow(this::adopt);
        byHash.values().stream().filter(t -> t.info().origin() == TokenInfo.Origin.ADMIN)
                .forEach(t -> shared.publish(new TokenReplica.SharedToken(t.info(), t.sha256())));
    }

    /**
     * A token published by a server of the cluster: added, or its revocation applied; a revoked token
     * never becomes valid again, and a token from configuration or the environment is never replaced.
     */
    private synchronized void adopt(TokenReplica.SharedToken shared) {
        TokenInfo info = shared.info();
        if (info.origin() != TokenInfo.Origin.ADMIN) {
            return;
        }
        Stored known = byHash.get(shared.sha256());
        if (known != null && (known.info().origin() != TokenInfo.Origin.ADMIN || known.info().isRevoked()
                || !info.isRevoked())) {
            return;
        }
        byHash.put(shared.sha256(), new Stored(info, shared.sha256()));
        try {
            persist();
        } catch (RuntimeException e) {
            log.warn("A token shared by the cluster could not be saved in tokens.csv (it is valid until restart)", e);
        }
    }

    TokenService(IngestProperties properties, String bootstrapToken, Clock clock) {
        this.file = new TokenFile(properties.dataDirectory());
        this.clock = clock;
        file.load().forEach(t -> byHash.put(t.sha256(), t));
        Instant now = clock.instant();
        for (int i = 0; i < properties.tokens().size(); i++) {
            var configured = properties.tokens().get(i);
            add(new Stored(new TokenInfo("config-" + i, configured.name(), configured.scopes(), now, null,
                    TokenInfo.Origin.CONFIGURATION), configured.sha256().toLowerCase(java.util.Locale.ROOT)));
        }
        if (bootstrapToken != null && !bootstrapToken.isBlank()) {
            if (bootstrapToken.strip().length() < BOOTSTRAP_MIN_LENGTH) {
                throw new IllegalStateException(BOOTSTRAP_VARIABLE + " is too short to be a secret: use at least "
                        + BOOTSTRAP_MIN_LENGTH + " random characters, e.g. $(openssl rand -base64 32 | tr '+/' '-_' | tr -d =)");
            }
            add(new Stored(new TokenInfo("bootstrap", BOOTSTRAP_VARIABLE, EnumSet.of(Scope.READ, Scope.WRITE), now,
                    null, TokenInfo.Origin.ENVIRONMENT), TokenSecrets.sha256(bootstrapToken.strip())));
            log.info("API token from {} is active (write and read)", BOOTSTRAP_VARIABLE);
        }
        log.info("{} API token(s); admins create more at /tokens", byHash.size());
    }

    private void add(Stored token) {
        if (byHash.putIfAbsent(token.sha256(), token) != null) {
            throw new IllegalStateException("API token '" + token.info().name() + "' has the same hash as "
                    + "another token; give each client its own token");
        }
    }

    /**
     * Creates a token and stores its hash; the returned secret is the only copy there will be.
     *
     * @throws IllegalArgumentException for a blank or over-long name or no scope
     */
    @RolesAllowed(Roles.ADMIN)
    public synchronized NewToken create(String name, Set<Scope> scopes) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a token needs a name of 1 to 100 characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope");
        }
        if (nameInUse(trimmed)) {
            throw new IllegalArgumentException("a token named '" + trimmed + "' is already in use: choose another"
                    + " name, or revoke that token first");
        }
        String secret = TokenSecrets.newSecret();
        var token = new Stored(new TokenInfo(TokenSecrets.newId(), trimmed, scopes, clock.instant(), null,
                TokenInfo.Origin.ADMIN), TokenSecrets.sha256(secret));
        byHash.put(token.sha256(), token);
        try {
            persist();
        } catch (RuntimeException e) {
            byHash.remove(token.sha256());
            throw e;
        }
        log.info("API token '{}' ({}) created with scopes {}", trimmed, token.info().id(), scopes);
        if (replica != null) {
            replica.publish(new TokenReplica.SharedToken(token.info(), token.sha256()));
        }
        return new NewToken(secret, token.info());
    }

    /**
     * Whether a token that is not revoked has this name, whatever its case: a name says which
     * client a token is for, and two with one name could not be told apart when one must go.
     */
    public synchronized boolean nameInUse(String name) {
        String wanted = name == null ? "" : name.strip();
        return byHash.values().stream().map(Stored::info)
                .anyMatch(t -> !t.isRevoked() && t.name().equalsIgnoreCase(wanted));
    }

    /** Revokes an admin-created token for good; returns false if there is none to revoke by that id. */
    @RolesAllowed(Roles.ADMIN)
    public synchronized boolean revoke(String id) {
        Optional<Stored> found = byHash.values().stream()
                .filter(t -> t.info().id().equals(id) && t.info().isRevocable()).findFirst();
        if (found.isEmpty()) {
            return false;
        }
        Stored old = found.get();
        byHash.put(old.sha256(), new Stored(old.info().revokedAt(clock.instant()), old.sha256()));
        try {
            persist();
        } catch (RuntimeException e) {
            byHash.put(old.sha256(), old);
            throw e;
        }
        log.info("API token '{}' ({}) revoked", old.info().name(), id);
        if (replica != null) {
            replica.publish(new TokenReplica.SharedToken(byHash.get(old.sha256()).info(), old.sha256()));
        }
        return true;
    }

    /** Every token, newest first, revoked ones included (they stay listed as a record). */
    public List<TokenInfo> list() {
        return byHash.values().stream().map(Stored::info)
                .sorted(Comparator.comparing(TokenInfo::created).reversed().thenComparing(TokenInfo::name))
                .toList();
    }

    /** The valid (known, not revoked) token with this secret, if any. */
    Optional<TokenInfo> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 512) {
            return Optional.empty();
        }
        Stored token = byHash.get(TokenSecrets.sha256(secret));
        return token == null || token.info().isRevoked() ? Optional.empty() : Optional.of(token.info());
    }

    private void persist() {
        List<Stored> admin = new ArrayList<>(byHash.values().stream()
                .filter(t -> t.info().origin() == TokenInfo.Origin.ADMIN).toList());
        admin.sort(Comparator.comparing((Stored t) -> t.info().created()));
        file.save(admin);
    }
}
