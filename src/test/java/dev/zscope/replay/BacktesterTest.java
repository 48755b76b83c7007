package dev.zscope.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zscope.detection.catalog.DetectorChoice;
import java.util.Map;
import dev.zscope.engine.StreamPoint;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BacktesterTest {

    private final Backtester backtester = new Backtester();
    private final DetectorChoice settings = new DetectorChoice("zscore",
            Map.of("threshold", "3", "window", "50", "warmup", "20"));

    /** 0/1 alternating with spikes at the given rows; labelled where {@code labelled}. */
    private static String csv(int rows, List<Integer> spikes, List<Integer> labelled, boolean withLabels) {
        StringBuilder sb = new StringBuilder(withLabels ? "timestamp,value,label\n" : "timestamp,value\n");
        for (int i = 0; i < rows; i++) {
            double v = spikes.contains(i) ? 100 : i % 2;
            sb.append(1_700_000_000_000L + i * 60_000L).append(',').append(v);
            if (withLabels) {
                sb.append(',').append(labelled.contains(i) ? 1 : 0);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void countsAnomaliesAndScoresThemAgainstLabels() throws IOException {
        String file = csv(400, List.of(100, 200, 300), List.of(100, 200, 350), true);
        BacktestResult r = backtester.run(new StringReader(file), settings, n -> { }, () -> false);
        assertThat(r.rows()).isEqualTo(400);
        assertThat(r.anomalies()).isEqualTo(3);
        assertThat(r.labels().truePositives()).isEqualTo(2);
        assertThat(r.labels().falsePositives()).isEqualTo(1);
        assertThat(r.labels().falseNegatives()).isEqualTo(1);
        assertThat(r.labels().precision()).isEqualTo(2 / 3.0);
        assertThat(r.labels().recall()).isEqualTo(2 / 3.0);
        assertThat(r.chart()).filteredOn(StreamPoint::anomaly).extracting(StreamPoint::sequence)
                .containsExactly(100L, 200L, 300L);
        assertThat(r.cancelled()).isFalse();
    }

    /** The file's range and length as hints: the same run as with them stated as the detector's settings. */
    @Test
    void fileHintsRunTheDetectorWithTheFilesRangeAndLength(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("f.csv");
        java.nio.file.Files.writeString(file, csv(600, List.of(150, 400), List.of(), false));
        DetectorChoice art = new DetectorChoice("art", Map.of());
        BacktestResult hinted = backtester.submit(file, art, true, n -> { }, () -> false).get();
        BacktestResult stated = backtester.submit(file, new DetectorChoice("art", Map.of("min", "0", "max", "100",
                "period", "600")), false, n -> { }, () -> false).get();
        BacktestResult streaming = backtester.submit(file, art, false, n -> { }, () -> false).get();
        assertThat(hinted.chart()).isEqualTo(stated.chart());
        assertThat(hinted.chart()).isNotEqualTo(streaming.chart());
    }

    @Test
    void readsAllThreeTimestampFormsAndCountsUnusableValues() throws IOException {
        String file = "timestamp,value\n2024-01-01T00:00:00Z,1\n1704067260000,2\n2024-01-01 00:02:00,NaN\n"
                + "2024-01-01T00:03:00+01:00,\n";
        BacktestResult r = backtester.run(new StringReader(file), settings, n -> { }, () -> false);
        assertThat(r.rows()).isEqualTo(4);
        assertThat(r.skipped()).isEqualTo(2);
        assertThat(r.labels()).isNull();
        assertThat(r.chart()).extracting(StreamPoint::epochMillis)
                .containsExactly(1704067200000L, 1704067260000L, 1704067320000L, 1704063780000L);
    }

    @Test
    void aMalformedTimestampStopsTheRunNamingTheRow() {
        String file = "timestamp,value\n2024-01-01T00:00:00Z,1\nyesterday,2\n";
        assertThatThrownBy(() -> backtester.run(new StringReader(file), settings, n -> { }, () -> false))
                .hasMessageContaining("line 3").hasMessageContaining("malformed timestamp 'yesterday'");
        assertThatThrownBy(() -> backtester.run(new StringReader("timestamp,value\n1,abc\n"), settings, n -> { },
                () -> false)).hasMessageContaining("line 2").hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> backtester.run(new StringReader("time,v\n1,2\n"), settings, n -> { }, () -> false))
                .hasMessageContaining("timestamp and value");
    }

    @Test
    void streamsAMillionRowsIntoABoundedChartAndCanBeCancelled() throws IOException {
        List<Long> progress = new ArrayList<>();
        BacktestResult all = backtester.run(generated(1_000_000), settings, progress::add, () -> false);
        assertThat(all.rows()).isEqualTo(1_000_000);
        assertThat(all.chart().size()).isLessThanOrEqualTo(Backtester.CHART_POINTS + Backtester.CHART_ANOMALIES);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(100).endsWith(1_000_000L);

        BacktestResult stopped = backtester.run(generated(1_000_000), settings, n -> { },
                () -> true);
        assertThat(stopped.cancelled()).isTrue();
        assertThat(stopped.rows()).isEqualTo(10_000);
    }

    /** A file saved with a byte order mark (Windows editors write one) has the same header. */
    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() throws IOException {
        String file = "\uFEFFtimestamp,value,label\n2024-01-01T00:00:00Z,1,0\n2024-01-01T00:01:00Z,2,1\n";
        BacktestResult r = backtester.run(new StringReader(file), settings, n -> { }, () -> false);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.labels()).isNotNull();
    }

    /** Files are history: no time window as in the API, so times before 1970 or far ahead are read. */
    @Test
    void filesMayHoldAnyTime() throws IOException {
        String file = "timestamp,value\n-86400000,1\n1900-01-01,2\n3000-01-01T00:00:00Z,3\n";
        BacktestResult r = backtester.run(new StringReader(file), settings, n -> { }, () -> false);
        assertThat(r.chart()).extracting(StreamPoint::epochMillis).containsExactly(-86_400_000L,
                java.time.Instant.parse("1900-01-01T00:00:00Z").toEpochMilli(),
                java.time.Instant.parse("3000-01-01T00:00:00Z").toEpochMilli());
    }

    /** A line of more than 1 MiB stops the run with its number, before the file is held in memory. */
    @Test
    void aLineLongerThanOneMebibyteStopsTheRunNamingTheLine() {
        Reader endless = new Reader() {
            private final String head = "timestamp,value\n1000,1\n2000,";
            private long sent;

            @Override
            public int read(char[] buf, int off, int len) {
                int n = 0;
                while (n < len) {
                    buf[off + n++] = sent < head.length() ? head.charAt((int) sent) : '1';
                    sent++;
                }
                if (sent > 64L << 20) {
                    throw new AssertionError("read 64 MiB of one line without stopping");
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> backtester.run(endless, settings, n -> { }, () -> false))
                .isInstanceOf(dev.zscope.base.PointText.LineTooLongException.class)
                .hasMessage("line 3 is longer than 1,048,576 characters");
    }

    /** A CSV of {@code rows} noisy rows produced on the fly, never held in memory. */
    private static Reader generated(int rows) {
        return new Reader() {
            private final SplittableRandom random = new SplittableRandom(7);
            private int row = -1;
            private String pending = "timestamp,value\n";
            private int pos;

            @Override
            public int read(char[] buf, int off, int len) {
                if (pos == pending.length()) {
                    if (++row >= rows) {
                        return -1;
                    }
                    pending = (1_700_000_000_000L + row * 1000L) + "," + random.nextGaussian() + "\n";
                    pos = 0;
                }
                int n = Math.min(len, pending.length() - pos);
                pending.getChars(pos, pos + n, buf, off);
                pos += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
