package dev.zscope.anomaly;

import static dev.zscope.anomaly.TestAnomalies.T0;
import static dev.zscope.anomaly.TestAnomalies.readBack;
import static dev.zscope.anomaly.TestAnomalies.someAnomalies;
import static dev.zscope.anomaly.TestAnomalies.text;
import static dev.zscope.anomaly.TestAnomalies.zscore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.engine.Anomaly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyLogTest {

    private static final String HEADER = "time,stream,value,score,severity,expected,lower,upper,std,z,threshold,window,detector\n";

    @TempDir
    Path dir;

    private Path logFile() {
        return dir.resolve("anomalies.csv");
    }

    /** Opens the log in {@code d} as a start does (repair, archive and carry-over), then closes it. */
    private static void start(Path d) throws IOException {
        AnomalyLog.Opened opened = AnomalyLog.open(d);
        try (AnomalyLog log = opened.log()) {
            if (opened.archive().isPresent()) {
                opened.archive().get().carryOver(log);
            }
        }
    }

    private static void append(Path d, List<Anomaly> anomalies) throws IOException {
        try (AnomalyLog log = AnomalyLog.open(d).log()) {
            log.append(anomalies);
        }
    }

    @Test
    void everyFieldRoundTripsExactly() throws IOException {
        List<Anomaly> written = List.of(
                zscore(Instant.parse("2025-03-01T12:00:00.123456789Z"), "plain", 0.1 + 0.2, -1e-300,
                        Double.MIN_VALUE, Double.POSITIVE_INFINITY, 3.0, 100),
                new Anomaly(Instant.EPOCH, "comma, \"quote\" and\nnew line\r\nand CR\r", -0.0, Double.MAX_VALUE,
                        Double.NaN, 0.0, -1, 1, 0.0, Double.NEGATIVE_INFINITY, 2.5, 2, "det,\"x\"\n"),
                new Anomaly(Instant.parse("2025-12-31T23:59:59.5Z"), "ünïcødé ✓ 日本 😀", 1234.5678e10, 0, 1.0, 7,
                        Double.NaN, Double.NaN, 1 / 3.0, Double.NaN, 1e-9, Integer.MAX_VALUE, ""),
                zscore(T0, " leading and trailing spaces ", -7.25, 3, 4, -2.5625, 2, 10),
                new Anomaly(T0, "", 1, 1, 0.5, 1, 1, 1, 1, 1, 1, 1, "#comment?"));

        try (AnomalyLog log = AnomalyLog.open(dir).log()) {
            log.append(written.subList(0, 1));
            log.append(written.subList(1, written.size()));
        }

        assertThat(readBack(dir)).containsExactlyElementsOf(written);
        String text = text(logFile());
        assertThat(text).startsWith(HEADER).contains(",Infinity,", ",-Infinity,", ",NaN,", ",-0.0,")
                .endsWith("\n");
    }

    /** A spreadsheet opening the raw log runs no formula, and the names read back unchanged. */
    @Test
    void formulaLikeNamesAreNeutralisedInTheFileAndReadBackAsThey() throws IOException {
        List<Anomaly> written = List.of(
                zscore(T0, "-2+3", 1, 2, 3, 4, 3, 10),
                zscore(T0.plusSeconds(1), "=cmd", 1, 2, 3, 4, 3, 10),
                zscore(T0.plusSeconds(2), "@sum", 1, 2, 3, 4, 3, 10));
        append(dir, written);
        String text = text(logFile());
        assertThat(text).contains(",'-2+3,", ",'=cmd,", ",'@sum,").doesNotContain(",-2+3,");
        assertThat(readBack(dir)).extracting(Anomaly::stream)
                .containsExactly("-2+3", "=cmd", "@sum");
    }

    @Test
    void headerIsWrittenOnceAndRestartsAppendAtTheEnd() throws IOException {
        List<Anomaly> all = someAnomalies(5);
        append(dir, all.subList(0, 3));
        try (AnomalyLog log = AnomalyLog.open(dir).log()) {
            assertThat(log.end()).isEqualTo(Files.size(logFile()));
            log.append(all.subList(3, 5));
        }

        assertThat(readBack(dir)).containsExactlyElementsOf(all);
        String text = text(logFile());
        assertThat(text).startsWith(HEADER);
        assertThat(text.split("\n", -1)).hasSize(1 + 5 + 1).filteredOn(line -> line.startsWith("time,")).hasSize(1);
    }

    @Test
    void anEmptyOrMissingDirectoryGetsJustTheHeader() throws IOException {
        Path nested = dir.resolve("a/b");
        start(nested);
        assertThat(readBack(nested)).isEmpty();
        assertThat(text(nested.resolve("anomalies.csv"))).isEqualTo(HEADER);

        Files.writeString(logFile(), ""); // e.g. created but never written
        start(dir);
        assertThat(readBack(dir)).isEmpty();
        assertThat(text(logFile())).isEqualTo(HEADER);
    }

    @Test
    void aTornLastRecordIsMovedAsideAndTheCompleteOnesKept() throws IOException {
        List<Anomaly> complete = someAnomalies(4);
        append(dir, complete);
        byte[] intact = Files.readAllBytes(logFile());
        byte[] partial = "2025-03-01T13:00:00Z,stre\u00e4m".getBytes(StandardCharsets.UTF_8);
        byte[] torn = java.util.Arrays.copyOf(partial, partial.length - 1); // cut inside the 'ä'
        Files.write(logFile(), torn, java.nio.file.StandardOpenOption.APPEND);

        Anomaly next = TestAnomalies.anomaly("after", 99, 1.5, 4.0);
        try (AnomalyLog log = AnomalyLog.open(dir).log()) {
            assertThat(Files.readAllBytes(logFile())).isEqualTo(intact);
            assertThat(readBack(dir)).containsExactlyElementsOf(complete);
            log.append(List.of(next));
        }

        assertThat(Files.readAllBytes(dir.resolve("anomalies.csv.torn-1"))).isEqualTo(torn);
        List<Anomaly> expected = new ArrayList<>(complete);
        expected.add(next);
        assertThat(readBack(dir)).containsExactlyElementsOf(expected);
    }

    /** A stray quote typed into the middle of the file costs its own row only, never the rest. */
    @Test
    void aStrayQuoteSkipsOneRowAndTheRestIsRead() throws IOException {
        List<Anomaly> all = someAnomalies(6);
        append(dir, all.subList(0, 3));
        Files.writeString(logFile(), "2025-03-01T12:00:00Z,\"broken,1.0,4.0,0.9,2.0,-7.0,11.0,3.0,4.0,3.0,100,zscore\n",
                java.nio.file.StandardOpenOption.APPEND);
        append(dir, all.subList(3, 6));

        assertThat(readBack(dir)).containsExactlyElementsOf(all);
        assertThat(dir.resolve("anomalies.csv.torn-1")).doesNotExist();
    }

    @Test
    void repeatedRepairsNeverOverwriteAnEarlierSideFile() throws IOException {
        start(dir);
        Files.writeString(logFile(), "first torn", java.nio.file.StandardOpenOption.APPEND);
        start(dir);
        Files.writeString(logFile(), "second torn", java.nio.file.StandardOpenOption.APPEND);
        start(dir);

        assertThat(text(dir.resolve("anomalies.csv.torn-1"))).isEqualTo("first torn");
        assertThat(text(dir.resolve("anomalies.csv.torn-2"))).isEqualTo("second torn");
        assertThat(text(logFile())).isEqualTo(HEADER);
    }

    @Test
    void aHeaderTornOnTheFirstStartIsMovedAsideAndANewOneWritten() throws IOException {
        Files.writeString(logFile(), "time,stream,val");
        start(dir);
        assertThat(readBack(dir)).isEmpty();
        assertThat(text(logFile())).isEqualTo(HEADER);
        assertThat(text(dir.resolve("anomalies.csv.torn-1"))).isEqualTo("time,stream,val");
    }

    @Test
    void unparseableCompleteRowsAreSkippedWithAWarningAndTheFileLeftAlone() throws IOException {
        String good1 = "2025-03-01T12:00:00Z,a,1.0,4.0,0.9,2.0,-7.0,11.0,3.0,4.0,3.0,100,zscore\n";
        String good2 = "2025-03-01T12:00:05Z,b,-1.0,Infinity,1.0,2.0,-7.0,11.0,3.0,-Infinity,3.0,100,zscore\n";
        String content = HEADER + good1
                + "2025-03-01T12:00:01Z,a,not-a-number,4.0,0.9,2.0,-7.0,11.0,3.0,4.0,3.0,100,zscore\n" // line 3
                + "2025-03-01T12:00:02Z,a,1.0,2.0\n"                                                  // line 4
                + "yesterday,a,1.0,4.0,0.9,2.0,-7.0,11.0,3.0,4.0,3.0,100,zscore\n"                      // line 5
                + "2025-03-01T12:00:03Z,a,1.0,4.0,0.9,2.0,-7.0,11.0,3.0,4.0,3.0,1.5,zscore\n"           // line 6
                + "2025-03-01T12:00:04Z,\"x\"y\",1.0,4.0,0.9,2.0,-7.0,11.0,3.0,4.0,3.0,100,z,extra\n" // line 7
                + good2;
        Files.writeString(logFile(), content);

        List<String> warnings;
        List<Anomaly> history;
        try (TestAnomalies.LogCapture capture = new TestAnomalies.LogCapture(LogTail.class)) {
            history = readBack(dir);
            warnings = capture.messages();
        }

        assertThat(history).extracting(Anomaly::stream).containsExactly("a", "b");
        assertThat(history.get(1).z()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(warnings).hasSize(5);
        String line3 = "2025-03-01T12:00:01Z,a,not-a-number,4.0,0.9,2.0,-7.0,11.0,3.0,4.0,3.0,100,zscore\n";
        assertThat(warnings.get(0)).contains("byte " + (HEADER + good1 + line3).length(), "bad value",
                "not-a-number");
        assertThat(warnings.get(1)).contains("expected 13 fields but found 4");
        assertThat(warnings.get(2)).contains("bad time");
        assertThat(warnings.get(3)).contains("bad window");
        assertThat(warnings.get(4)).contains("expected 13 fields but found 14");
        assertThat(text(logFile())).isEqualTo(content);
    }

    @Test
    void aLargeLogIsReadBackInOrderSkippingOnlyTheBadLine() throws IOException {
        StringBuilder content = new StringBuilder(HEADER);
        for (int i = 0; i < 50_000; i++) { // more batches than the reader keeps in flight
            content.append(i == 12_345 ? "garbage" : T0.plusMillis(i)).append(",s").append(i % 7).append(',')
                    .append(i).append(",4.0,0.9,1.0,-8.0,10.0,3.0,4.0,3.0,").append(i).append(",zscore\n");
        }
        Files.writeString(logFile(), content);

        List<Anomaly> history;
        List<String> warnings;
        try (TestAnomalies.LogCapture capture = new TestAnomalies.LogCapture(LogTail.class)) {
            history = readBack(dir);
            warnings = capture.messages();
        }
        assertThat(history).hasSize(49_999);
        for (int i = 0, row = 0; i < 50_000; i++) {
            if (i != 12_345) {
                Anomaly anomaly = history.get(row++);
                assertThat(anomaly.window()).isEqualTo(i);
                assertThat(anomaly.time()).isEqualTo(T0.plusMillis(i));
                assertThat(anomaly.stream()).isEqualTo("s" + i % 7);
            }
        }
        assertThat(warnings).singleElement().asString().contains("bad time", "garbage");
    }

    @Test
    void aDifferentHeaderIsArchivedAndANewFileStarted() throws IOException {
        String old = "time,stream,score\n2025-03-01T12:00:00Z,a,4.5\n";
        Files.writeString(logFile(), old);
        String archiveName = "anomalies-%08x.csv".formatted("time,stream,score".hashCode());

        start(dir);
        assertThat(readBack(dir)).isEmpty(); // "value", "mean", ... cannot be found by name
        assertThat(text(dir.resolve(archiveName))).isEqualTo(old);
        assertThat(text(logFile())).isEqualTo(HEADER);

        Files.writeString(logFile(), old); // the old version ran again, then the new one
        start(dir);
        assertThat(text(dir.resolve(archiveName.replace(".csv", "-1.csv")))).isEqualTo(old);
        assertThat(text(dir.resolve(archiveName))).isEqualTo(old);
        assertThat(text(logFile())).isEqualTo(HEADER);
    }

    @Test
    void rowsOfAnArchivedFileAreCarriedOverWhenTheirColumnsCanBeFoundByName() throws IOException {
        String old = "stream,time,detector,window,threshold,z,std,mean,value,unit\n"
                + "a,2025-03-01T12:00:00Z,zscore,100,3.0,4.5,2.0,1.0,10.0,ms\n"
                + "b,2025-03-01T12:00:01Z,zscore,50,2.5,-Infinity,0.0,1.0,0.5,ms\n";
        Files.writeString(logFile(), old);

        List<Anomaly> expected = Stream.of( // an old file has no severity: unknown
                zscore(T0, "a", 10.0, 1.0, 2.0, 4.5, 3.0, 100),
                zscore(T0.plusSeconds(1), "b", 0.5, 1.0, 0.0, Double.NEGATIVE_INFINITY, 2.5, 50))
                .map(TestAnomalies::withUnknownSeverity).toList();
        start(dir);
        assertThat(readBack(dir)).containsExactlyElementsOf(expected);
        assertThat(text(dir.resolve("anomalies-%08x.csv".formatted(
                "stream,time,detector,window,threshold,z,std,mean,value,unit".hashCode())))).isEqualTo(old);
        assertThat(text(logFile())).startsWith(HEADER);
        start(dir);
        assertThat(readBack(dir)).containsExactlyElementsOf(expected); // the new file is kept as it is
    }

    @Test
    void aFirstVersionLogIsCarriedOverWithTheZScoresScoreAndBand() throws IOException {
        String old = "time,stream,value,mean,std,z,threshold,window,detector\n"
                + "2025-03-01T12:00:00Z,a,10.0,1.0,2.0,4.5,3.0,100,zscore\n";
        Files.writeString(logFile(), old);

        start(dir);
        Anomaly carried = readBack(dir).getFirst();

        assertThat(carried.score()).isEqualTo(4.5);
        assertThat(carried.expected()).isEqualTo(1.0);
        assertThat(carried.lower()).isEqualTo(-5.0);
        assertThat(carried.upper()).isEqualTo(7.0);
        assertThat(text(logFile())).isEqualTo(HEADER + "2025-03-01T12:00:00Z,a,10.0,4.5,NaN,1.0,-5.0,7.0,2.0,4.5,3.0,100,zscore\n");
    }

    @Test
    void aScoredDetectorsAnomalyKeepsItsScoreAndBandAndItsMissingZ() throws IOException {
        Anomaly scored = new Anomaly(T0, "s", 42.0, 0.37, 0.99, 20.0, 15.0, 25.0, Double.NaN, Double.NaN, 0.15, 0,
                "sentinel");
        append(dir, List.of(scored));
        assertThat(text(logFile())).endsWith(",s,42.0,0.37,0.99,20.0,15.0,25.0,NaN,NaN,0.15,0,sentinel\n");
        assertThat(readBack(dir)).containsExactly(scored);
    }

    /** An append is in the file when it returns: no buffer stands between an acknowledgement and the disk. */
    @Test
    void anAppendIsInTheFileWhenItReturns() throws IOException {
        try (AnomalyLog log = AnomalyLog.open(dir).log()) {
            long end = log.append(List.of(TestAnomalies.anomaly("first", 1, 1, 5)));
            assertThat(text(logFile())).isEqualTo(
                    HEADER + "2025-03-01T12:00:01Z,first,1.0,5.0," + (1 - Math.exp(-5))
                            + ",10.0,4.0,16.0,2.0,5.0,3.0,100,zscore\n");
            assertThat(end).isEqualTo(Files.size(logFile())).isEqualTo(log.end());
        }
    }

    /** A group the database refused is cut from the log again; the next one starts on a fresh line. */
    @Test
    void truncateRemovesAGroupAndAppendsGoOnFromThere() throws IOException {
        List<Anomaly> all = someAnomalies(4);
        try (AnomalyLog log = AnomalyLog.open(dir).log()) {
            long before = log.append(all.subList(0, 2));
            log.append(all.subList(2, 3));
            log.truncate(before);
            log.append(all.subList(3, 4));
        }
        assertThat(readBack(dir)).containsExactly(all.get(0), all.get(1), all.get(3));
    }
}
