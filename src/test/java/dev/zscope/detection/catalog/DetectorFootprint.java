package dev.zscope.detection.catalog;

import dev.zscope.detection.Detector;
import dev.zscope.detection.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The heap a detector holds per stream, for the memory budget per stream: 1,000 detectors of each
 * kind, each fed 3,000 points of a noisy seasonal wave (past their warm-up, shape memories filled
 * as on a live stream), heap after GC before and after, divided by 1,000. A load tool, not a test.
 *
 * <p>Usage: {@code java -Xmx2g -cp target/test-classes:target/classes dev.zscope.detection.catalog.DetectorFootprint [name...]}
 * (default: {@code default zscore ewma}).
 */
public final class DetectorFootprint {

    private static final int DETECTORS = 1_000;

    private DetectorFootprint() {
    }

    public static void main(String[] args) {
        List<String> names = args.length > 0 ? List.of(args) : List.of("default", "zscore", "ewma");
        Random random = new Random(1);
        double[] xs = new double[3_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 100 + 5 * Math.sin(i * 2 * Math.PI / 600) + random.nextGaussian();
        }
        for (String name : names) {
            long before = usedAfterGc();
            List<Detector> held = new ArrayList<>(DETECTORS);
            Verdict v = new Verdict();
            for (int k = 0; k < DETECTORS; k++) {
                Detector d = Detectors.create(name, Map.of());
                for (double x : xs) {
                    d.update(x, v);
                }
                held.add(d);
            }
            long after = usedAfterGc();
            System.out.printf(Locale.ROOT, "%-10s %6.1f KB per detector (%d held)%n", name,
                    (after - before) / 1024.0 / DETECTORS, held.size());
        }
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
