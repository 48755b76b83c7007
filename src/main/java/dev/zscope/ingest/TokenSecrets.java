package dev.zscope.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes token secrets and their hashes. A secret is {@code zs_} and 32 random bytes (256 bits) in
 * URL-safe Base64, so it needs no escaping in a header or a shell, and the prefix makes a leaked one
 * easy to recognise (secret scanners). Because the secret is random and long, a fast SHA-256 is
 * enough to store it: guessing is hopeless anyway, and a slow password hash would cost every request.
 */
final class TokenSecrets {

    static final String PREFIX = "zs_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short random id for the UI and the file; not secret. */
    static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes, as {@code sha256sum} prints it. */
    static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
