package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Tokens: random, shown once, stored as hashes only, revocable, and back after a restart. */
class TokenServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private TokenService start(String bootstrap, IngestProperties.ConfiguredToken... configured) {
        return new TokenService(new IngestProperties(dataDir, DataSize.ofMegabytes(10), 100_000, DataSize.ofMegabytes(1),
                List.of(configured)),
                bootstrap, CLOCK);
    }

    @Test
    void createdTokenIsRandomAndOnlyItsHashIsStored() throws IOException {
        TokenService tokens = start(null);
        NewToken a = tokens.create("collector", EnumSet.of(Scope.WRITE));
        NewToken b = tokens.create("collector", EnumSet.of(Scope.WRITE));

        assertThat(a.secret()).startsWith("zs_").hasSize(46).matches("zs_[A-Za-z0-9_-]{43}").isNotEqualTo(b.secret());
        assertThat(a.toString()).doesNotContain(a.secret());
        String file = Files.readString(dataDir.resolve(TokenFile.NAME));
        assertThat(file).doesNotContain(a.secret()).doesNotContain(a.secret().substring(3))
                .contains(TokenSecrets.sha256(a.secret())).contains("collector").contains("2026-01-02T03:04:05Z");
        assertThat(tokens.authenticate(a.secret())).contains(a.info());
        assertThat(tokens.authenticate(a.secret() + "x")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
    }

    @Test
    void tokensAndRevocationsSurviveARestart() {
        TokenService first = start(null);
        NewToken kept = first.create("kept", EnumSet.of(Scope.READ, Scope.WRITE));
        NewToken revoked = first.create("revoked, with \"quotes\"", EnumSet.of(Scope.READ));
        assertThat(first.revoke(revoked.info().id())).isTrue();
        assertThat(first.revoke(revoked.info().id())).as("already revoked").isFalse();

        TokenService second = start(null);

        assertThat(second.authenticate(kept.secret())).get().extracting(TokenInfo::scopes)
                .isEqualTo(Set.of(Scope.READ, Scope.WRITE));
        assertThat(second.authenticate(revoked.secret())).isEmpty();
        assertThat(second.list()).filteredOn(TokenInfo::isRevoked).singleElement()
                .satisfies(t -> assertThat(t.name()).isEqualTo("revoked, with \"quotes\""));
    }

    @Test
    void bootstrapAndConfiguredTokensWorkAreListedButAreNotRevocableHere() {
        String configuredSecret = "zs_from-configuration-0123456789";
        TokenService tokens = start("zs_from-the-environment-0123456789",
                new IngestProperties.ConfiguredToken("ci", TokenSecrets.sha256(configuredSecret), Set.of(Scope.WRITE)));

        assertThat(tokens.authenticate("zs_from-the-environment-0123456789")).get()
                .extracting(TokenInfo::scopes).isEqualTo(Set.of(Scope.READ, Scope.WRITE));
        assertThat(tokens.authenticate(configuredSecret)).get().extracting(TokenInfo::name).isEqualTo("ci");
        assertThat(tokens.list()).hasSize(2).noneMatch(TokenInfo::isRevocable);
        assertThat(tokens.revoke("bootstrap")).isFalse();
        assertThat(dataDir.resolve(TokenFile.NAME)).as("nothing from configuration is written").doesNotExist();
    }

    @Test
    void aShortBootstrapTokenStopsTheStart() {
        assertThatThrownBy(() -> start("changeme")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TokenService.BOOTSTRAP_VARIABLE).hasMessageNotContaining("changeme");
    }

    @Test
    void aTokenNeedsANameAndAScope() {
        TokenService tokens = start(null);
        assertThatThrownBy(() -> tokens.create(" ", EnumSet.of(Scope.READ))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.create("x", Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDamagedFileStopsTheStart() throws IOException {
        Files.writeString(dataDir.resolve(TokenFile.NAME), "id,name,scopes,created,revoked,sha256\nx,y,admin,now,,z\n");
        assertThatThrownBy(() -> start(null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
    }

    /**
     * The file is always written whole, so empty, headless or cut means damage: read as "no
     * tokens", it would silently lock every client out.
     */
    @Test
    void anEmptyOrCutFileStopsTheStartSayingWhatToDo() throws IOException {
        start(null).create("a", EnumSet.of(Scope.READ));
        Path file = dataDir.resolve(TokenFile.NAME);
        String whole = Files.readString(file);

        Files.writeString(file, "");
        assertThatThrownBy(() -> start(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged").hasMessageContaining("delete it");
        Files.writeString(file, whole.substring(0, whole.length() - 20));
        assertThatThrownBy(() -> start(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2 is damaged").hasMessageContaining("sha256");
        Files.writeString(file, whole.substring(0, whole.indexOf('\n') + 10));
        assertThatThrownBy(() -> start(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2 is damaged");
        Files.writeString(file, whole);
        assertThat(start(null).list()).hasSize(1);
    }

    @Test
    void theFileIsOwnerOnlyAndNoTemporaryFileRemains() throws IOException {
        assumeTrue(Files.getFileStore(dataDir).supportsFileAttributeView(PosixFileAttributeView.class));
        start(null).create("a", EnumSet.of(Scope.READ));
        Path file = dataDir.resolve(TokenFile.NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
