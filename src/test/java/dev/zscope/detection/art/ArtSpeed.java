package dev.zscope.detection.art;

import dev.zscope.detection.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Speed harness (a main, not a test): points per second of {@link ArtDetector} on a NAB file
 * repeated, or on synthetic noise, measured as thread CPU time after a warm-up pass.
 *
 * <pre>java -cp target/test-classes:target/classes dev.zscope.detection.art.ArtSpeed [file.csv]</pre>
 */
public final class ArtSpeed {

    private ArtSpeed() {
    }

    public static void main(String[] args) throws IOException {
        double[] values;
        if (args.length > 0) {
            List<String> lines = Files.readAllLines(Path.of(args[0]));
            values = new double[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                values[i - 1] = Double.parseDouble(lines.get(i).substring(lines.get(i).indexOf(',') + 1));
            }
        } else {
            Random r = new Random(7);
            values = new double[200_000];
            for (int i = 0; i < values.length; i++) {
                values[i] = 100 + 10 * Math.sin(2 * Math.PI * i / 1440) + r.nextGaussian();
            }
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Verdict v = new Verdict();
        for (int rep = 0; rep < 5; rep++) {
            ArtDetector d = new ArtDetector();
            long t0 = mx.getCurrentThreadCpuTime();
            long firstEnd = 0;
            double sink = 0;
            for (int pass = 0; pass < 5; pass++) {
                for (int i = 0; i < values.length; i++) {
                    d.update(values[i], v);
                    sink += v.score();
                    if (pass == 0 && i == 1999) {
                        firstEnd = mx.getCurrentThreadCpuTime();
                    }
                }
            }
            long t1 = mx.getCurrentThreadCpuTime();
            double first = 2000 / ((firstEnd - t0) / 1e9);
            double steady = (5.0 * values.length - 2000) / ((t1 - firstEnd) / 1e9);
            System.out.printf("run %d: first 2000 points %.0f points/s, afterwards %.0f points/s (sink %.1f)%n",
                    rep, first, steady, sink);
        }
    }
}
