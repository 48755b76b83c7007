package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Test data and helpers shared by the anomaly tests. */
public final class TestAnomalies {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private TestAnomalies() {
    }

    /** An anomaly {@code second} seconds after {@link #T0}. */
    static Anomaly anomaly(String stream, long second, double value, double z) {
        return zscore(T0.plusSeconds(second), stream, value, 10.0, 2.0, z, 3.0, 100);
    }

    /**
     * An anomaly as the Z-score detector reports it: score |z|, band mean ± threshold · std; its
     * severity a stand-in that rises with |z| ({@code 1 − e^−|z|}), so severity filters and sorts
     * order the same rows as the score's.
     */
    static Anomaly zscore(Instant time, String stream, double value, double mean, double std, double z,
                          double threshold, int window) {
        return zscore(time, stream, value, mean, std, z, threshold, window, "zscore");
    }

    /** {@link #zscore(Instant, String, double, double, double, double, double, int)} of another detector. */
    public static Anomaly zscore(Instant time, String stream, double value, double mean, double std, double z,
                                 double threshold, int window, String detector) {
        double score = Double.isNaN(z) ? 0.0 : Math.abs(z);
        return new Anomaly(time, stream, value, score, 1 - Math.exp(-score), mean, mean - threshold * std,
                mean + threshold * std, std, z, threshold, window, detector);
    }

    /** {@code a} as a file or table from before severities were recorded gives it back. */
    static Anomaly withUnknownSeverity(Anomaly a) {
        return new Anomaly(a.time(), a.stream(), a.value(), a.score(), Double.NaN, a.expected(), a.lower(), a.upper(),
                a.std(), a.z(), a.threshold(), a.window(), a.detector());
    }

    static List<Anomaly> someAnomalies(int count) {
        List<Anomaly> anomalies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            anomalies.add(zscore(T0.plusMillis(1_001L * i), "stream-" + (i % 3), 0.1 * i - 5,
                    i / 7.0, 1.0 / (i + 1), (0.1 * i - 5 - i / 7.0) * (i + 1), 3.0, 50 + i));
        }
        return anomalies;
    }

    /** Every anomaly {@code dir/anomalies.csv} holds, in order (the file is not changed). */
    static List<Anomaly> readBack(Path dir) throws IOException {
        List<Anomaly> history = new ArrayList<>();
        Path file = dir.resolve(AnomalyLog.FILE_NAME);
        LogTail.read(file, AnomalyLog.headerEnd(), AnomalyCsv.COLUMNS, 1000, b -> history.addAll(b.anomalies()));
        return history;
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Captures what {@code type} logs until closed. */
    static final class LogCapture implements AutoCloseable {
        private final Logger logger;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        LogCapture(Class<?> type) {
            logger = (Logger) LoggerFactory.getLogger(type);
            appender.start();
            logger.addAppender(appender);
        }

        List<String> messages() {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
