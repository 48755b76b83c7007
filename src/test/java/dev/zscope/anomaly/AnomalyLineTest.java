package dev.zscope.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Random;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/** The log's hand-written line equals what Commons CSV writes for the same anomaly. */
class AnomalyLineTest {

    private static final String[] NAMES = {"cpu", "host-1/load", "=SUM(A1)", "a,b", "say \"hi\"", "two\nlines",
        " padded ", "#hash", "!bang", "naïve-ünïcode", "x", "tab\tin", "trailing\t", "détecteur"};

    @Test
    void everyLineIsWhatCommonsCsvWrites() throws IOException {
        Random random = new Random(3);
        AnomalyLine line = new AnomalyLine();
        for (int i = 0; i < 20_000; i++) {
            Anomaly a = new Anomaly(instant(random), NAMES[random.nextInt(NAMES.length)], number(random),
                    number(random), number(random), number(random), number(random), number(random), number(random),
                    number(random), random.nextInt(100_000), NAMES[random.nextInt(NAMES.length)]);
            StringWriter expected = new StringWriter();
            try (CSVPrinter printer = new CSVPrinter(expected, AnomalyCsv.LOG_FORMAT)) {
                AnomalyCsv.print(printer, a, false);
            }
            StringWriter actual = new StringWriter();
            line.write(a, actual);
            assertThat(actual.toString()).as(a.toString()).isEqualTo(expected.toString());
        }
    }

    private static Instant instant(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));           // 1970..2100, millis
            case 1 -> Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L));            // whole seconds to 9999
            case 2 -> Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000) * 1_000);
            case 3 -> Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
            case 4 -> Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 0), random.nextInt(1_000_000_000));
            default -> Instant.ofEpochSecond(random.nextLong(253_402_300_800L, 400_000_000_000L));
        };
    }

    private static double number(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2 -> random.nextBoolean() ? 0.0 : -0.0;
            case 3 -> random.nextGaussian() * 1e-300;
            case 4 -> Double.longBitsToDouble(random.nextLong());
            default -> random.nextGaussian() * Math.pow(10, random.nextInt(12) - 4);
        };
    }
}
