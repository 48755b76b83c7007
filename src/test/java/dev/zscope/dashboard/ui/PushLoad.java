package dev.zscope.dashboard.ui;

import com.sun.management.OperatingSystemMXBean;
import com.vaadin.flow.component.internal.ComponentTracker;
import dev.zscope.Application;
import dev.zscope.engine.DetectionEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load tool for issue 5's target 4 on the server side: many signed-in dashboard sessions
 * subscribed at once, as Karibu-mocked browsers on the real application context (embedded server,
 * simulator on). It measures
 * <ol>
 *   <li>heap per session: used heap after full GC before and after opening {@code --sessions};</li>
 *   <li>fan-out cost while they run for {@code --seconds}: process CPU against an equally long
 *       window with no session, the push scheduler's CPU, the UIDL messages written and the
 *       server's share of the lag (engine timestamp of the chart's newest point to message ready);</li>
 *   <li>leaks: {@code --cycles} open/close cycles of one session, heap after full GC and the
 *       engine's subscriber count before and after.</li>
 * </ol>
 * Browser-side lag is {@code dev.zscope.PushLagBrowsers}' job. Run after {@code ./mvnw package}:
 * <pre>
 * ./mvnw -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.zscope.dashboard.ui.PushLoad \
 *      --sessions 200 --seconds 60 --cycles 1000
 * </pre>
 * {@code --port N} serves on a fixed port, so that {@code PushLagBrowsers} can watch from real
 * browsers while the mocked sessions load the server (admin password {@code push-load}), and
 * {@code --hold N} keeps the sessions open N seconds after the measured window, for that.
 * {@code --histograms dir} also writes the live objects by class before opening, with the sessions
 * open, and after closing them ({@code jcmd GC.class_histogram}), to see what a session keeps.
 */
public final class PushLoad {

    private PushLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int sessions = Integer.parseInt(o.getOrDefault("sessions", "200"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
        int cycles = Integer.parseInt(o.getOrDefault("cycles", "1000"));
        String pushInterval = o.getOrDefault("push-interval", "250");
        productionComponentTracking();
        Path data = Files.createDirectories(Path.of("target", "push-load-data", UUID.randomUUID().toString()));
        say("load average %s; data dir %s", loadAverage(), data);
        // Command-line arguments, since application.properties would win over default properties.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class).run(
                "--server.port=" + o.getOrDefault("port", "0"), "--vaadin.productionMode=true",
                "--ZSCOPE_ADMIN_PASSWORD=push-load",
                "--zscope.data-dir=" + data.toAbsolutePath(), "--zscope.settings.push-interval-ms=" + pushInterval,
                "--logging.level.root=warn", "--logging.level.dev.zscope=warn");
        say("serving on port %s (admin password push-load)", context.getEnvironment().getProperty("local.server.port"));
        try {
            run(context, o, sessions, seconds, cycles);
        } finally {
            context.close();
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context, Map<String, String> options, int sessions,
                            int seconds, int cycles) throws Exception {
        String histograms = options.get("histograms");
        DetectionEngine engine = context.getBean(DetectionEngine.class);
        PushStats stats = new PushStats();
        MockSessions mock = new MockSessions(context, stats);
        for (int i = 0; i < 20; i++) { // warm-up: classes loaded, caches filled, code compiled
            mock.close(mock.open("warmup-" + i));
        }
        int subscribersAtStart = engine.subscriberCount();
        long heap0 = usedHeapAfterGc();
        histogram(histograms, "before");
        Window idle = Window.measure(seconds);
        say("no session: %s; heap after GC %.1f MB -> %.1f MB (growth without sessions, the control)", idle,
                heap0 / 1e6, usedHeapAfterGc() / 1e6);

        List<MockSessions.Open> open = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            open.add(mock.open("viewer-" + i));
        }
        Thread.sleep(2_000); // every session's first batch (600 points of backlog) delivered
        long heap1 = usedHeapAfterGc();
        histogram(histograms, "open");
        say("%d sessions open, %d subscribers (%d at start); heap after GC %.1f MB -> %.1f MB: %.0f KB per session",
                sessions, engine.subscriberCount(), subscribersAtStart, heap0 / 1e6, heap1 / 1e6,
                (heap1 - heap0) / 1024.0 / sessions);
        stats.reset();
        Window busy = Window.measure(seconds);
        say("%d sessions: %s", sessions, busy);
        long[] lags = stats.sortedLags();
        double cpuPerPushMicros = (busy.cpuMillis - idle.cpuMillis) * 1000.0 / Math.max(1, stats.pushes());
        say("pushes %d (%.0f/s), %.0f chars per message, UIDL writing %.0f us per message; extra process CPU %.0f ms/s"
                        + " = %.0f us per push",
                stats.pushes(), stats.pushes() / (double) seconds, stats.bytes() / (double) Math.max(1, stats.pushes()),
                stats.uidlNanos() / 1e3 / Math.max(1, stats.pushes()), (busy.cpuMillis - idle.cpuMillis) / (double) seconds,
                cpuPerPushMicros);
        say("server-side lag (engine timestamp of newest chart point -> push message written), %d pushes with new points:"
                        + " p50 %d ms, p99 %d ms, max %d ms",
                lags.length, PushStats.percentile(lags, 0.5), PushStats.percentile(lags, 0.99),
                PushStats.percentile(lags, 1.0));
        int hold = Integer.parseInt(options.getOrDefault("hold", "0"));
        if (hold > 0) {
            say("holding the %d sessions open for %d s (for PushLagBrowsers)", sessions, hold);
            Thread.sleep(hold * 1000L);
        }
        long heap2 = usedHeapAfterGc();
        say("heap after GC after the run: %.1f MB", heap2 / 1e6);
        open.forEach(mock::close);
        open.clear();
        long heap3 = usedHeapAfterGc();
        histogram(histograms, "closed");
        say("all closed: %d subscribers (start %d); heap after GC %.1f MB (before opening %.1f MB)",
                engine.subscriberCount(), subscribersAtStart, heap3 / 1e6, heap0 / 1e6);

        long cycleStart = usedHeapAfterGc();
        long t0 = System.nanoTime();
        for (int i = 1; i <= cycles; i++) {
            mock.close(mock.open("cycle-" + i));
            if (i % Math.max(1, cycles / 5) == 0) {
                say("  %d cycles: heap after GC %.1f MB, %d subscribers", i, usedHeapAfterGc() / 1e6,
                        engine.subscriberCount());
            }
        }
        long cycleEnd = usedHeapAfterGc();
        histogram(histograms, "cycled");
        say("%d open/close cycles in %.1f s: heap after GC %.1f MB -> %.1f MB (%+.1f KB per cycle); subscribers %d"
                        + " (start %d)", cycles, (System.nanoTime() - t0) / 1e9, cycleStart / 1e6, cycleEnd / 1e6,
                (cycleEnd - cycleStart) / 1024.0 / Math.max(1, cycles), engine.subscriberCount(), subscribersAtStart);
        say("load average %s", loadAverage());
    }

    /**
     * Karibu's mocked servlet runs in development mode, where Vaadin's ComponentTracker keeps a
     * stack trace of every component's creation and attachment (tens of MB here, freed late, as
     * they sit in a WeakHashMap). Production mode never tracks, so neither does this tool: the
     * tracker decides once, on first use, and is told before any component exists.
     */
    private static void productionComponentTracking() throws ReflectiveOperationException {
        var disabled = ComponentTracker.class.getDeclaredField("disabled");
        disabled.setAccessible(true);
        disabled.set(null, Boolean.TRUE);
    }

    /** CPU of the whole process and of the engine's own threads over a window of wall time. */
    private record Window(double seconds, long cpuMillis, long pushThreadMillis, long engineThreadMillis) {

        static Window measure(int seconds) throws InterruptedException {
            long cpu0 = processCpuNanos();
            long push0 = threadCpuNanos("zscope-push");
            long engine0 = threadCpuNanos("zscope-engine");
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long wall = System.nanoTime() - t0;
            return new Window(wall / 1e9, (processCpuNanos() - cpu0) / 1_000_000,
                    (threadCpuNanos("zscope-push") - push0) / 1_000_000,
                    (threadCpuNanos("zscope-engine") - engine0) / 1_000_000);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f s, process CPU %d ms (%.1f%% of one core), push scheduler %d ms,"
                    + " engine ticks %d ms", seconds, cpuMillis, cpuMillis / seconds / 10, pushThreadMillis,
                    engineThreadMillis);
        }
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long threadCpuNanos(String name) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(name)) {
                return threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return 0;
    }

    /** With {@code --histograms dir}: the live objects by class ({@code jcmd GC.class_histogram}) into a file. */
    private static void histogram(String dir, String name) throws Exception {
        if (dir == null) {
            return;
        }
        Path file = Files.createDirectories(Path.of(dir)).resolve(name + ".txt");
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(ProcessHandle.current().pid()), "GC.class_histogram").redirectErrorStream(true)
                .redirectOutput(file.toFile()).start().waitFor();
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
