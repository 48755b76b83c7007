package dev.zscope.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zscope.detection.catalog.DetectorChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Load tool for the restructure issue's state target: what saving and restoring the detector
 * states of many streams costs, in bytes and time, against the embedded H2 database as the
 * application opens it. Each stream gets {@code --points} points of a noisy wave (past every
 * detector's warm-up), then all states are saved, then a new engine loads them.
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx3g -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.zscope.engine.StateSaveLoad \
 *      --streams 10000 --points 1500 --detector default
 * </pre>
 */
public final class StateSaveLoad {

    private StateSaveLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int streams = Integer.parseInt(o.getOrDefault("streams", "10000"));
        int points = Integer.parseInt(o.getOrDefault("points", "1500"));
        DetectorChoice choice = new DetectorChoice(o.getOrDefault("detector", "default"), Map.of());
        Path dir = Files.createTempDirectory("zscope-state-load");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("zscope").toAbsolutePath());
        config.setUsername("sa");
        try (HikariDataSource data = new HikariDataSource(config)) {
            Flyway.configure().dataSource(data).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(data);
            StreamStore store = new JdbcStreamStore(jdbc, new TransactionTemplate(new JdbcTransactionManager(data)));
            EngineProperties properties = new EngineProperties(100, streams + 10, 10_000, Duration.ofMinutes(2));
            DetectionEngine engine = new DetectionEngine(properties, AnomalySink.DISCARD, store);
            engine.applyDetector(choice);
            Random random = new Random(1);
            long feed = System.nanoTime();
            long[] times = new long[points];
            double[] values = new double[points];
            for (int s = 0; s < streams; s++) {
                for (int i = 0; i < points; i++) {
                    times[i] = 1_000L * i;
                    values[i] = 50 + 10 * Math.sin(i * 2 * Math.PI / 288) + random.nextGaussian();
                }
                engine.write("s-" + s, times, values, 0, points);
            }
            System.out.printf("fed %,d streams x %,d points in %.1f s%n", streams, points,
                    (System.nanoTime() - feed) / 1e9);
            long save = System.nanoTime();
            engine.saveStates();
            double saveSeconds = (System.nanoTime() - save) / 1e9;
            long bytes = jdbc.queryForObject("SELECT SUM(OCTET_LENGTH(state)) FROM stream_state", Long.class);
            long rows = jdbc.queryForObject("SELECT COUNT(*) FROM stream_state", Long.class);
            System.out.printf("saved %,d states, %,d bytes (%,d per stream) in %.2f s%n", rows, bytes, bytes / rows,
                    saveSeconds);
            long unchanged = System.nanoTime();
            engine.saveStates();
            System.out.printf("a save with nothing changed: %.3f s%n", (System.nanoTime() - unchanged) / 1e9);
            long load = System.nanoTime();
            DetectionEngine restarted = new DetectionEngine(properties, AnomalySink.DISCARD, store);
            restarted.applyDetector(choice);
            long warm = restarted.statuses().stream().filter(st -> !st.learning()).count();
            System.out.printf("restarted with %,d of %,d streams past their warm-up in %.2f s%n", warm,
                    restarted.statuses().size(), (System.nanoTime() - load) / 1e9);
            System.out.printf("H2 file: %,d bytes%n", Files.size(dir.resolve("zscope.mv.db")));
        }
    }
}
