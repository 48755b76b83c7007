package dev.zscope;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Load tool for issue 5's target 5: how fast the production jar serves its login page, and how
 * much memory it then holds.
 *
 * <p>Starts {@code java -Xmx<xmx> -jar <jar>} on a data directory, polls {@code /login} until it
 * answers 200 and prints the time since the process was started; then waits {@code --idle}
 * seconds and prints the resident set (VmRSS, and the peak VmHWM) from {@code /proc/<pid>/status},
 * and the heap the JVM reports in use; then stops the app (SIGTERM, as a service manager does).
 * {@code --log-rows N} first writes an {@code anomalies.csv} of N rows into the data directory if it
 * has none (a large log to read back at start); {@code --streams N} runs N simulated streams;
 * {@code --jvm-args "..."} and {@code --app-args "..."} add JVM options and application arguments. Besides the wall clock it prints the CPU time the app
 * used, which a busy machine does not inflate. {@code --aot true} measures the fast path that
 * {@code ./mvnw -DskipTests -Paot package} builds: the extracted {@code target/aot/zscope.jar} with
 * {@code -XX:AOTCache=target/aot/zscope.aot} (run it from the project folder, as the cache holds the
 * jar's relative path). {@code --nmt true} adds {@code -XX:NativeMemoryTracking=summary} and prints
 * the JVM's own account of its committed memory by area after the idle wait. Needs
 * only the JDK; Linux for the RSS.
 * <pre>
 * ./mvnw -o -DskipTests package
 * java -cp target/test-classes dev.zscope.StartupCheck --jar target/zscope-0.1.0-SNAPSHOT.jar \
 *      --data target/startup-data --log-rows 1000000 --xmx 512m --idle 30 --runs 2
 * ./mvnw -o -DskipTests -Paot package
 * java -cp target/test-classes dev.zscope.StartupCheck --aot true --data target/startup-data --idle 30
 * </pre>
 */
public final class StartupCheck {

    private StartupCheck() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        boolean aot = Boolean.parseBoolean(o.getOrDefault("aot", "false"));
        boolean nmt = Boolean.parseBoolean(o.getOrDefault("nmt", "false"));
        Path jar = Path.of(o.getOrDefault("jar", aot ? "target/aot/zscope.jar" : "target/zscope-0.1.0-SNAPSHOT.jar"));
        String jvmArgs = (aot ? "-XX:AOTCache=target/aot/zscope.aot " : "")
                + (nmt ? "-XX:NativeMemoryTracking=summary " : "") + o.getOrDefault("jvm-args", "");
        Path data = Path.of(o.getOrDefault("data", "target/startup-data"));
        int port = Integer.parseInt(o.getOrDefault("port", "18081"));
        String xmx = o.getOrDefault("xmx", "512m");
        int idle = Integer.parseInt(o.getOrDefault("idle", "30"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "1"));
        int streams = Integer.parseInt(o.getOrDefault("streams", "3"));
        long logRows = Long.parseLong(o.getOrDefault("log-rows", "0"));
        Files.createDirectories(data);
        if (logRows > 0 && !Files.exists(data.resolve("anomalies.csv"))) {
            writeLog(data.resolve("anomalies.csv"), logRows);
        }
        for (int run = 1; run <= runs; run++) {
            System.out.printf(Locale.ROOT, "run %d: load average %s%n", run, loadAverage());
            once(jar, data, port, xmx, jvmArgs, o.getOrDefault("app-args", ""), idle, streams, nmt);
        }
    }

    private static void once(Path jar, Path data, int port, String xmx, String jvmArgs, String appArgs, int idle,
                             int streams, boolean nmt)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + xmx));
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--zscope.engine.simulated-streams=" + streams));
        if (!appArgs.isBlank()) {
            command.addAll(List.of(appArgs.trim().split("\\s+")));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("startup-check.log").toFile());
        builder.environment().put("ZSCOPE_DATA_DIR", data.toAbsolutePath().toString());
        builder.environment().putIfAbsent("ZSCOPE_ADMIN_PASSWORD", "startup-check");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest login = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .timeout(Duration.ofSeconds(5)).build();
        long t0 = System.nanoTime();
        Process app = builder.start();
        try {
            long ready = -1;
            while (app.isAlive() && System.nanoTime() - t0 < 300_000_000_000L) {
                try {
                    if (client.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        ready = System.nanoTime() - t0;
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(25);
            }
            if (ready < 0) {
                throw new IllegalStateException("the app never served /login; see " + data.resolve("startup-check.log"));
            }
            System.out.printf(Locale.ROOT, "  /login answered 200 after %.2f s, having used %.1f s of CPU (pid %d, -Xmx%s,"
                    + " %d simulated streams)%n", ready / 1e9, cpuSeconds(app.pid()), app.pid(), xmx, streams);
            Thread.sleep(idle * 1000L);
            Map<String, String> status = procStatus(app.pid());
            System.out.printf(Locale.ROOT, "  after %d s: VmRSS %s (anonymous %s, files %s), VmHWM %s, threads %s,"
                            + " CPU used %.1f s; load average %s%n",
                    idle, status.get("VmRSS"), status.get("RssAnon"), status.get("RssFile"), status.get("VmHWM"),
                    status.get("Threads"), cpuSeconds(app.pid()), loadAverage());
            System.out.printf(Locale.ROOT, "  heap: %s%n", jcmd(app.pid(), "GC.heap_info").lines()
                    .filter(l -> l.contains("total") && l.contains("used")).findFirst().orElse("unknown").trim());
            if (nmt) {
                // "Total: reserved=..., committed=..." and one "-  Area (reserved=..., committed=...)" line per area
                jcmd(app.pid(), "VM.native_memory", "summary", "scale=MB").lines()
                        .filter(l -> l.startsWith("Total") || l.matches("-\\s+\\S.*\\(reserved=.*"))
                        .forEach(l -> System.out.printf(Locale.ROOT, "  nmt %s%n", l.trim()));
            }
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** What {@code jcmd <pid> <command...>} prints, or why it could not run. */
    private static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e + ")";
        }
    }

    /**
     * User plus system CPU time of the process so far ({@code /proc/<pid>/stat}, in clock ticks of
     * 1/100 s): unlike the wall clock, it does not grow when other processes take the cores.
     */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static Map<String, String> procStatus(long pid) throws IOException {
        Map<String, String> status = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                status.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return status;
    }

    /** A log of {@code rows} anomalies over 1,000 streams and one year, in the log's own format. */
    private static void writeLog(Path file, long rows) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        long step = 365L * 24 * 3600 * 1000 / rows;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("time,stream,value,mean,std,z,threshold,window,detector\n");
            for (long i = 0; i < rows; i++) {
                double z = (random.nextBoolean() ? 1 : -1) * (3 + random.nextDouble() * 5);
                double value = 100 + 2 * z;
                out.write(start.plusMillis(i * step) + ",stream-" + random.nextInt(1000) + "," + value
                        + ",100.0,2.0," + z + ",3.0,100,zscore\n");
            }
        }
        System.out.printf(Locale.ROOT, "wrote %,d rows to %s (%.0f MB)%n", rows, file, Files.size(file) / 1e6);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
