package dev.zscope.cluster;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node of a test cluster as a child process of the packaged jar: a web node (waited for until its
 * sign-in page answers) or a detector node (waited for until detection runs), killed hard
 * ({@code kill -9}) or stopped as a service manager does. Runs in {@code verify}, after the jar is built.
 */
final class NodeProcess implements AutoCloseable {

    static final String TOKEN = "cluster-suite-token-0123456789abcdef";
    static final String PASSWORD = "cluster-suite-secret";
    private static final AtomicInteger LAUNCHES = new AtomicInteger();

    private final Process process;
    private final int port;
    private final Path log;
    private final Path data;

    private NodeProcess(Process process, int port, Path log, Path data) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.data = data;
    }

    /** Starts a web node (role {@code web}) on {@code data}; does not wait. */
    static NodeProcess launchWeb(Path data, String bootstrap, String... args) throws IOException {
        return launchWeb(data, freePort(), bootstrap, args);
    }

    /** Starts a web node (role {@code web}) on {@code data} and {@code port}; does not wait. */
    static NodeProcess launchWeb(Path data, int port, String bootstrap, String... args) throws IOException {
        return launchWeb(data, port, ClusterRole.WEB, bootstrap, args);
    }

    /** Starts a node with a web server ({@code role} {@code web} or {@code all}); does not wait. */
    static NodeProcess launchWeb(Path data, int port, ClusterRole role, String bootstrap, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("-Xmx400m", "-jar", jar().toString(), "--server.port=" + port,
                "--zscope.engine.simulator-enabled=false", "--zscope.cluster.role=" + role.name().toLowerCase(),
                "--zscope.cluster.bootstrap-servers=" + bootstrap));
        command.addAll(List.of(args));
        return launch(data, port, command);
    }

    /** Starts a detector node on {@code data}; does not wait. */
    static NodeProcess launchDetector(Path data, String bootstrap, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("-Xmx256m", "-jar", jar().toString(),
                "--zscope.cluster.role=detector", "--zscope.cluster.bootstrap-servers=" + bootstrap));
        command.addAll(List.of(args));
        return launch(data, 0, command);
    }

    private static NodeProcess launch(Path data, int port, List<String> args) throws IOException {
        Files.createDirectories(data);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Path log = data.resolveSibling(data.getFileName() + "-" + LAUNCHES.incrementAndGet() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ZSCOPE_DATA_DIR", data.toAbsolutePath().toString());
        builder.environment().put("ZSCOPE_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("ZSCOPE_BOOTSTRAP_TOKEN", TOKEN);
        return new NodeProcess(builder.start(), port, log, data);
    }

    /** Waits until the web node's sign-in page answers. */
    NodeProcess awaitWeb(Duration within) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest login = HttpRequest.newBuilder(URI.create(base() + "/login")).timeout(Duration.ofSeconds(5)).build();
        await().atMost(within).pollInterval(200, TimeUnit.MILLISECONDS).ignoreExceptions().until(() -> {
            alive();
            return client.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
        return this;
    }

    /** Waits until the node logs that detection runs. */
    NodeProcess awaitDetecting(Duration within) {
        await().atMost(within).pollInterval(200, TimeUnit.MILLISECONDS).until(() -> {
            alive();
            return Files.readString(log).contains(DetectorRunner.RUNNING);
        });
        return this;
    }

    private void alive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the node exited; see " + log);
        }
    }

    String base() {
        return "http://localhost:" + port;
    }

    Path data() {
        return data;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no commit, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a service manager stops it. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
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
        throw new IllegalStateException("no target/zscope-*.jar: the cluster suite runs in verify, after package");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
