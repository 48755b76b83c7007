package dev.zscope.security;

import dev.zscope.base.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Gives a fresh install a usable {@code admin} account without shipping a default password.
 *
 * <p>Used only when no users are configured. In order of precedence:
 * <ol>
 *   <li>{@value #ENV_PASSWORD} set: that password is used and its hash stored (replacing an older
 *       one). It is never logged, because it was chosen by whoever set the variable.</li>
 *   <li>A stored hash exists: it is used, and nothing is logged, so the password appears in the
 *       log of the first start only.</li>
 *   <li>Otherwise: a random password is generated, its hash stored, and the password logged once
 *       as {@code Generated admin password: <password>}, the only way the operator learns it.</li>
 * </ol>
 * Only the bcrypt hash is written, owner-readable only where the file system has POSIX
 * permissions. Deleting {@value #HASH_FILE} makes the next start generate a new password.
 */
final class AdminPasswordBootstrap {

    /** The environment variable (read as a Spring property) that sets the admin password. */
    static final String ENV_PASSWORD = "ZSCOPE_ADMIN_PASSWORD";

    /** The file, inside the data directory, that holds the admin's password hash. */
    static final String HASH_FILE = "admin-password.hash";

    /** The account name of the generated administrator. */
    static final String ADMIN_USERNAME = "admin";

    private static final Logger log = LoggerFactory.getLogger(AdminPasswordBootstrap.class);

    /** 18 random bytes make 24 URL-safe Base64 characters (144 bits), no padding. */
    private static final int RANDOM_BYTES = 18;

    private final Path hashFile;
    private final PasswordEncoder encoder;
    private final String environmentPassword;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param dataDirectory where {@value #HASH_FILE} lives; created if missing
     * @param encoder encodes new passwords ({@code {bcrypt}} with Spring's delegating encoder)
     * @param environmentPassword the value of {@value #ENV_PASSWORD}, or null/blank if unset
     */
    AdminPasswordBootstrap(Path dataDirectory, PasswordEncoder encoder, String environmentPassword) {
        this.hashFile = dataDirectory.resolve(HASH_FILE);
        this.encoder = encoder;
        this.environmentPassword = environmentPassword == null || environmentPassword.isBlank()
                ? null : environmentPassword;
    }

    /** Decides the admin password as described above and returns its {@code {id}hash}. */
    String adminPasswordHash() {
        if (environmentPassword != null) {
            return hashOfEnvironmentPassword();
        }
        String stored = readStoredHash(true);
        if (stored != null) {
            return stored;
        }
        String password = generatePassword();
        String hash = encoder.encode(password);
        store(hash); // before logging: a password that was not kept must not be announced
        log.warn("Generated admin password: {}", password);
        log.info("Only its hash is kept, in {}. Set {} to choose another password, or delete that "
                + "file to generate a new one.", hashFile, ENV_PASSWORD);
        return hash;
    }

    /** Keeps an existing hash of the same password, so an unchanged variable rewrites nothing. */
    private String hashOfEnvironmentPassword() {
        String stored = readStoredHash(false);
        if (stored != null && encoder.matches(environmentPassword, stored)) {
            return stored;
        }
        String hash = encoder.encode(environmentPassword);
        store(hash);
        log.info("Admin password set from {}; its hash is stored in {}", ENV_PASSWORD, hashFile);
        return hash;
    }

    private String generatePassword() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param strict whether a file without a hash stops the start; it must when that file is all
     *     there is, since replacing it would silently lock out whoever knows the password
     */
    private String readStoredHash(boolean strict) {
        if (!Files.exists(hashFile)) {
            return null;
        }
        try {
            String hash = Files.readString(hashFile, StandardCharsets.UTF_8).strip();
            if (!UserAccounts.isCompleteHash(hash)) {
                if (!strict) {
                    return null;
                }
                throw new IllegalStateException(hashFile + " does not hold a complete password hash in Spring's "
                        + "{id}hash form (damaged or cut short), so nobody could sign in. Delete it to generate a new"
                        + " admin password, or set " + ENV_PASSWORD + ".");
            }
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the admin password hash from " + hashFile, e);
        }
    }

    /** Stores the hash, owner-only, replacing the file atomically. */
    private void store(String hash) {
        try {
            PrivateFiles.replace(hashFile, writer -> writer.write(hash + System.lineSeparator()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the admin password hash in " + hashFile, e);
        }
    }
}
