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
            return TornTailRepair.endOfLastLine(channel);
        }
    }

    /** The log ends every line it writes with a newline: whatever follows the last one is torn, quotes or not. */
    @Test
    void findsTheEndOfTheLastLine() throws IOException {
        assertThat(end("")).isZero();
        assertThat(end("no newline")).isZero();
        assertThat(end("a,b\n")).isEqualTo(4);
        assertThat(end("a,b\nc,d")).isEqualTo(4);
        assertThat(end("a,b\r\nc,d\r\n")).isEqualTo(10);
        assertThat(end("a,\"b\nc\n")).as("a stray quote costs nothing here").isEqualTo(7);
        assertThat(end("ä,\"ö\n\"\nü")).isEqualTo(9); // multi-byte UTF-8
    }

    @Test
    void readsBackwardsAcrossChunks() throws IOException {
        String filler = "x,y\n".repeat(262_143); // 1 MiB - 4 bytes
        String content = filler + "u,torn here without a newline".repeat(5_000);
        assertThat(end(content)).isEqualTo(filler.length());
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
