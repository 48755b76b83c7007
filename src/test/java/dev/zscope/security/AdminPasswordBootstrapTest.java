package dev.zscope.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The admin password's life: generated and announced once, then only its hash, unless overridden. */
class AdminPasswordBootstrapTest {

    private static final String PREFIX = "Generated admin password: ";

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AdminPasswordBootstrap.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level previousLevel;

    @TempDir
    Path dataDir;

    @BeforeEach
    void captureLogs() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(previousLevel);
    }

    @Test
    void firstStartGeneratesPasswordLogsItOnceAndStoresOnlyItsHash() throws IOException {
        String hash = start(null);

        List<String> announcements = messages().stream().filter(m -> m.startsWith(PREFIX)).toList();
        assertThat(announcements).hasSize(1);
        String password = announcements.getFirst().substring(PREFIX.length());
        assertThat(password).hasSizeGreaterThanOrEqualTo(16).matches("[A-Za-z0-9_-]+");
        assertThat(messages().stream().filter(m -> m.contains(password))).hasSize(1);

        String stored = Files.readString(hashFile()).strip();
        assertThat(stored).isEqualTo(hash).startsWith("{bcrypt}").doesNotContain(password);
        assertThat(encoder.matches(password, stored)).isTrue();
        assertThat(encoder.matches(password + "x", stored)).isFalse();
    }

    @Test
    void secondStartReusesStoredHashAndLogsNothing() {
        String first = start(null);
        logs.list.clear();

        String second = start(null);

        assertThat(second).isEqualTo(first);
        assertThat(messages()).isEmpty();
    }

    @Test
    void eachInstallGetsItsOwnPassword(@TempDir Path otherDataDir) {
        start(null);
        new AdminPasswordBootstrap(otherDataDir, encoder, null).adminPasswordHash();

        List<String> passwords = messages().stream().filter(m -> m.startsWith(PREFIX)).distinct().toList();
        assertThat(passwords).hasSize(2);
    }

    @Test
    void environmentPasswordWinsOverStoredHashIsStoredAndNeverLogged() throws IOException {
        String generated = start(null);
        logs.list.clear();

        String hash = start("correct horse battery");

        assertThat(hash).isNotEqualTo(generated);
        assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        String stored = Files.readString(hashFile()).strip();
        assertThat(encoder.matches("correct horse battery", stored)).isTrue();
        assertThat(stored).doesNotContain("correct horse battery");
        assertThat(messages()).noneMatch(m -> m.contains("correct horse battery") || m.startsWith(PREFIX));

        logs.list.clear();
        assertThat(start("correct horse battery")).as("unchanged variable keeps the stored hash").isEqualTo(stored);
        assertThat(start(null)).as("once the variable is gone, its stored hash remains").isEqualTo(stored);
        assertThat(messages()).noneMatch(m -> m.startsWith(PREFIX));
    }

    @Test
    void blankEnvironmentPasswordCountsAsUnset() {
        start("  ");

        assertThat(messages()).anyMatch(m -> m.startsWith(PREFIX));
    }

    @Test
    void hashFileIsReadableByOwnerOnly() throws IOException {
        assumeTrue(Files.getFileStore(dataDir).supportsFileAttributeView(PosixFileAttributeView.class));

        start(null);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hashFile()))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(hashFile());
        }
    }

    @Test
    void createsMissingDataDirectory() {
        Path nested = dataDir.resolve("a/b");

        new AdminPasswordBootstrap(nested, encoder, null).adminPasswordHash();

        assertThat(nested.resolve(AdminPasswordBootstrap.HASH_FILE)).isRegularFile();
    }

    @Test
    void unreadableHashFileStopsTheStartInsteadOfReplacingThePassword() throws IOException {
        Files.writeString(hashFile(), "not a hash\n");

        assertThatThrownBy(() -> start(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(AdminPasswordBootstrap.HASH_FILE)
                .hasMessageContaining(AdminPasswordBootstrap.ENV_PASSWORD);
        assertThat(messages()).noneMatch(m -> m.startsWith(PREFIX));
    }

    /** A hash cut short keeps the {id}hash shape, yet no password would match it: nobody could sign in. */
    @Test
    void aTruncatedHashStopsTheStartWithWhatToDo() throws IOException {
        String whole = start(null);
        Files.writeString(hashFile(), whole.substring(0, whole.length() - 10) + "\n");

        assertThatThrownBy(() -> start(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cut short")
                .hasMessageContaining(AdminPasswordBootstrap.ENV_PASSWORD);
    }

    @Test
    void environmentPasswordReplacesUnreadableHashFile() throws IOException {
        Files.writeString(hashFile(), "not a hash\n");

        start("s3cret-from-env");

        assertThat(encoder.matches("s3cret-from-env", Files.readString(hashFile()).strip())).isTrue();
    }

    private String start(String environmentPassword) {
        return new AdminPasswordBootstrap(dataDir, encoder, environmentPassword).adminPasswordHash();
    }

    private Path hashFile() {
        return dataDir.resolve(AdminPasswordBootstrap.HASH_FILE);
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
