package dev.zscope.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application as a child process, for the fault suite: started on a data directory
 * and a free port with a known admin password and write token, killed hard ({@code kill -9}) or
 * stopped as a service manager does (SIGTERM). Runs in {@code verify}, after the jar is built.
 */
final class AppProcess implements AutoCloseable {

    static final String TOKEN = "fault-suite-token-0123456789abcdef";
    static final String PASSWORD = "fault-suite-secret";

    private static final java.util.concurrent.atomic.AtomicInteger LAUNCHES = new java.util.concurrent.atomic.AtomicInteger();

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar on {@code data} with extra application arguments; returns once /login answers. */
    static AppProcess start(Path data, String... args) throws IOException {
        AppProcess app = launch(data, args);
        app.awaitReady(Duration.ofMinutes(3));
        return app;
    }

    /** Starts the jar without waiting for it. */
    static AppProcess launch(Path data, String... args) throws IOException {
        Files.createDirectories(data);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", jar().toString(), "--server.port=" + port,
                "--zscope.engine.simulator-enabled=false"));
        command.addAll(List.of(args));
        Path log = data.resolveSibling(data.getFileName() + "-" + LAUNCHES.incrementAndGet() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ZSCOPE_DATA_DIR", data.toAbsolutePath().toString());
        builder.environment().put("ZSCOPE_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("ZSCOPE_BOOTSTRAP_TOKEN", TOKEN);
        return new AppProcess(builder.start(), port, log);
    }

    void awaitReady(Duration within) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest login = HttpRequest.newBuilder(URI.create(base() + "/login")).timeout(Duration.ofSeconds(5)).build();
        await().atMost(within).pollInterval(100, TimeUnit.MILLISECONDS).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited; see " + log());
            }
            return client.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    String base() {
        return "http://localhost:" + port;
    }

    /** This launch's own output. */
    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no flush, no save. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a service manager stops it: the detector states are saved, the store closed. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static Path jar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "zscope-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().contains("plain")) {
                    return jar;
                }
            }
        }
        throw new IllegalStateException("no target/zscope-*.jar: the fault suite runs in verify, after package");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
