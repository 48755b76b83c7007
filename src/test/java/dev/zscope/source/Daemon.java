package dev.zscope.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A Debian server binary (prometheus, mosquitto) that an IT starts on a free port, stops and
 * starts again. Missing binaries skip the test, except in CI ({@code CI} set), where they fail it:
 * {@code .ci/run} installs them.
 */
public final class Daemon implements AutoCloseable {

    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    private Daemon(List<String> command, Path log, int port) {
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /** Skips the test when {@code binary} is missing, or fails it in CI. */
    public static void require(Path binary, String debianPackage) {
        boolean present = Files.isExecutable(binary);
        if (System.getenv("CI") != null) {
            assertThat(present).as("CI must install Debian's " + debianPackage + " (.ci/run does)").isTrue();
        }
        assumeTrue(present, "Debian's " + debianPackage + " is not installed");
    }

    /** A port nobody listens on now (the ephemeral range: no clash with fixed ports). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code command} and waits until it listens on {@code port}. */
    public static Daemon start(List<String> command, Path log, int port) {
        Daemon d = new Daemon(command, log, port);
        d.start();
        return d;
    }

    public int port() {
        return port;
    }

    public void start() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
        Awaitility.await("port " + port + " of " + command.getFirst()).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    assertThat(process.isAlive()).as(command.getFirst() + " exited; see " + log).isTrue();
                    return listening();
                });
    }

    /** Stops it (SIGTERM, then SIGKILL) and waits until the port is free. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !listening());
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
