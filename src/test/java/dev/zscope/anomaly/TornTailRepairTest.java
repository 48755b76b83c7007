package dev.zscope.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornTailRepairTest {

    @TempDir
    Path dir;

    private long end(String content) throws IOException {
        Path file = dir.resolve("scan.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file)) {
            return TornTailRepair.endOfLastCompleteRecord(channel);
        }
    }

    @Test
    void findsTheEndOfTheLastRecordWithTheParsersQuotingRules() throws IOException {
        assertThat(end("")).isZero();
        assertThat(end("no newline")).isZero();
        assertThat(end("a,b\n")).isEqualTo(4);
        assertThat(end("a,b\nc,d")).isEqualTo(4);
        assertThat(end("a,b\r\nc,d\r\n")).isEqualTo(10);
        assertThat(end("a,\"b\nc\"\n")).isEqualTo(8);              // newline inside quotes
        assertThat(end("a,\"b\nc\n")).isZero();                    // ... whose closing quote is missing
        assertThat(end("a,\"say \"\"hi\"\"\n\"\nx,\"")).isEqualTo(16); // doubled quotes stay quoted
        assertThat(end("a\"b,c\nd\n")).isEqualTo(8);               // a quote inside a field is text
        assertThat(end("\"a\"b\"\nc\n")).isEqualTo(8);             // and so is one after the closing quote
        assertThat(end("ä,\"ö\n\"\nü")).isEqualTo(9);               // multi-byte UTF-8
    }

    @Test
    void keepsItsStateAcrossBufferBoundaries() throws IOException {
        String filler = "x,y\n".repeat(262_143); // 1 MiB - 4 bytes
        String content = filler + "t,\"across the\nbuffer\nboundary\"\n" + "u,\"torn\nhere";
        assertThat(end(content)).isEqualTo(content.indexOf("u,\""));
    }

    @Test
    void repairMovesExactlyTheTailAndKeepsEverythingBefore() throws IOException {
        Path log = dir.resolve("anomalies.csv");
        Files.writeString(log, "h\nr1\nr2,\"par");
        assertThat(TornTailRepair.repair(log)).contains(dir.resolve("anomalies.csv.torn-1"));
        assertThat(Files.readString(log)).isEqualTo("h\nr1\n");
        assertThat(Files.readString(dir.resolve("anomalies.csv.torn-1"))).isEqualTo("r2,\"par");

        assertThat(TornTailRepair.repair(log)).isEmpty();
        assertThat(Files.readString(log)).isEqualTo("h\nr1\n");
    }
}
