package dev.zscope.replay;

import dev.zscope.base.PointText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.detection.Verdict;
import dev.zscope.detection.zscore.ZScoreDetector;
import dev.zscope.detection.zscore.ZScoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command on small fixtures written to a temporary directory. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int replay(String... args) {
        return ReplayCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private double[] fixture(Path file, int rows) throws Exception {
        Random random = new Random(9);
        double[] values = new double[rows];
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        for (int i = 0; i < rows; i++) {
            values[i] = i == 40 ? Double.NaN : 10 + random.nextGaussian() + (i == 150 ? 20 : 0);
            String ts = String.format("2014-04-01 %02d:%02d:00", i / 60, i % 60);
            lines.add(ts + "," + (Double.isNaN(values[i]) ? "" : Double.toString(values[i])));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return values;
    }

    @Test
    void mirrorsEachFileWithFullPrecisionScoresAndZerosWhileLearning() throws Exception {
        double[] values = fixture(dir.resolve("in/cat/a.csv"), 200);
        fixture(dir.resolve("in/b.csv"), 50);
        int code = replay("--detector=zscore", "--input=" + dir.resolve("in"), "--output=" + dir.resolve("out"),
                "--set", "window=50", "--set", "warmup=10");
        assertThat(code).as(err.toString()).isZero();
        assertThat(dir.resolve("out/b.csv")).exists();
        List<String> lines = Files.readAllLines(dir.resolve("out/cat/a.csv"));
        assertThat(lines).hasSize(201);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,expected,lower,upper,anomaly,severity");
        ZScoreDetector reference = new ZScoreDetector(new ZScoreSettings(3, 50, 10));
        Verdict v = new Verdict();
        for (int i = 0; i < values.length; i++) {
            reference.update(values[i], v);
            String[] cells = lines.get(i + 1).split(",", -1);
            assertThat(cells[0]).isEqualTo(String.format("2014-04-01 %02d:%02d:00", i / 60, i % 60));
            double expected = i < 10 || i == 40 ? 0.0 : v.score();
            assertThat(Double.parseDouble(cells[2])).as("row %d", i).isEqualTo(expected);
        }
        assertThat(lines.get(151).split(",")[6]).isEqualTo("1");
        assertThat(out.toString()).contains("cat/a.csv: 200 rows, 1 missing").contains("2 files, 250 rows");
    }

    /** {@code --file-hints} is exactly the file's minimum, maximum and row count given as settings. */
    @Test
    void fileHintsGiveEachDetectorItsFilesRangeAndLength() throws Exception {
        double[] values = fixture(dir.resolve("in/a.csv"), 400);
        double min = java.util.Arrays.stream(values).filter(Double::isFinite).min().orElseThrow();
        double max = java.util.Arrays.stream(values).filter(Double::isFinite).max().orElseThrow();
        assertThat(replay("--detector=art", "--input=" + dir.resolve("in"), "--output=" + dir.resolve("hinted"),
                "--file-hints")).as(err.toString()).isZero();
        assertThat(replay("--detector=art", "--input=" + dir.resolve("in"), "--output=" + dir.resolve("stated"),
                "--set", "min=" + min, "--set", "max=" + max, "--set", "period=400")).as(err.toString()).isZero();
        assertThat(replay("--detector=art", "--input=" + dir.resolve("in"), "--output=" + dir.resolve("streaming")))
                .as(err.toString()).isZero();

        List<String> hinted = Files.readAllLines(dir.resolve("hinted/a.csv"));
        assertThat(hinted).isEqualTo(Files.readAllLines(dir.resolve("stated/a.csv")));
        assertThat(hinted).as("hints change what the detector does")
                .isNotEqualTo(Files.readAllLines(dir.resolve("streaming/a.csv")));
        assertThat(FileHints.of(Files.newBufferedReader(dir.resolve("in/a.csv"))))
                .isEqualTo(new dev.zscope.detection.StreamHints(min, max, 400));
    }

    @Test
    void fileHintsForADetectorThatTakesNoneIsAUsageError() throws Exception {
        fixture(dir.resolve("in/a.csv"), 20);
        assertThat(replay("--detector=zscore", "--input=" + dir.resolve("in"), "--output=" + dir.resolve("out"),
                "--file-hints")).isEqualTo(ReplayCommand.BAD_USAGE);
        assertThat(err.toString()).contains("zscore takes no hints");
    }

    @Test
    void readsEpochMillisAndIsoTimestamps() {
        assertThat(PointText.timestamp("1396310400000", PointText.Mode.LENIENT)).isEqualTo(1396310400000L);
        assertThat(PointText.timestamp("2014-04-01T00:00:00Z", PointText.Mode.LENIENT)).isEqualTo(1396310400000L);
        assertThat(PointText.timestamp("2014-04-01T02:00:00+02:00", PointText.Mode.LENIENT)).isEqualTo(1396310400000L);
        assertThat(PointText.timestamp("2014-04-01T00:00:00", PointText.Mode.LENIENT)).isEqualTo(1396310400000L);
        assertThat(PointText.timestamp("2014-04-01 00:00:00", PointText.Mode.LENIENT)).isEqualTo(1396310400000L);
    }

    @Test
    void aBadTimestampFailsWithTheLineAndANonZeroCode() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/x.csv"), List.of("timestamp,value", "2014-04-01 00:00:00,1", "yesterday,2"));
        int code = replay("--detector=ewma", "--input=" + dir.resolve("in"), "--output=" + dir.resolve("out"));
        assertThat(code).isEqualTo(ReplayCommand.BAD_INPUT);
        assertThat(err.toString()).contains("x.csv").contains("line 3").contains("malformed timestamp 'yesterday'");
    }

    @Test
    void aByteOrderMarkIsIgnoredAndALongLineFailsNamingTheFileAndTheLine() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/bom.csv"), ("\uFEFFtimestamp,value\r\n1969-07-20 20:17:40,1\r\n"
                + "2014-04-01 00:00:00,2\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(replay("--detector=ewma", "--input=" + dir.resolve("in"), "--output=" + dir.resolve("out")))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("bom.csv: 2 rows");
        assertThat(Files.readAllLines(dir.resolve("out/bom.csv")).get(1)).startsWith("1969-07-20 20:17:40,1,");

        Files.writeString(dir.resolve("in/long.csv"), "timestamp,value\n1,1\n2," + "9".repeat(PointText.MAX_LINE_LENGTH)
                + "\n");
        assertThat(replay("--detector=ewma", "--input=" + dir.resolve("in"), "--output=" + dir.resolve("out")))
                .isEqualTo(ReplayCommand.BAD_INPUT);
        assertThat(err.toString()).contains("long.csv").contains("line 3 is longer than 1,048,576 characters");
    }

    @Test
    void aMissingColumnOrDirectoryOrDetectorIsReported() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/x.csv"), List.of("time,v", "1,2"));
        assertThat(replay("--detector=ewma", "--input=" + dir.resolve("in"), "--output=" + dir.resolve("o")))
                .isEqualTo(ReplayCommand.BAD_INPUT);
        assertThat(err.toString()).contains("header must name the columns timestamp and value");
        assertThat(replay("--detector=ewma", "--input=" + dir.resolve("nope"), "--output=" + dir.resolve("o")))
                .isEqualTo(ReplayCommand.BAD_INPUT);
        assertThat(replay("--detector=magic", "--input=" + dir, "--output=" + dir.resolve("o")))
                .isEqualTo(ReplayCommand.BAD_USAGE);
        assertThat(err.toString()).contains("unknown detector 'magic'");
        assertThat(replay("--input=" + dir)).isEqualTo(ReplayCommand.BAD_USAGE);
    }

    @Test
    void helpListsEveryDetectorAndItsSettings() {
        assertThat(replay("--help")).isZero();
        assertThat(out.toString()).contains("default", "art", "zscore", "robust", "ewma", "seasonal", "rcf",
                "window [100]", "span [100]", "shingleSize [8]", "--set key=value");
    }
}
