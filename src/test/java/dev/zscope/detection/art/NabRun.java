package dev.zscope.detection.art;

import dev.zscope.detection.StreamHints;
import dev.zscope.detection.Verdict;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * NAB harness (a main, not a test): runs {@link ArtDetector} over every {@code *.csv} under a NAB
 * data directory, each file its own stream, and writes {@code OUT/<category>/<file>.csv} with the
 * columns timestamp, value, anomaly_score (the raw score, full precision), severity, anomaly.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.zscope.detection.art.NabRun \
 *     --data=NAB/data --out=DIR [--hints] [--set key=value]...
 * </pre>
 * {@code --hints} gives each file's own minimum, maximum and row count as {@link StreamHints}, as NAB
 * gives them to its detectors; {@code --hints=range} or {@code --hints=length} gives only part. {@code --set} changes any {@link ArtSettings} component by name
 * (including the method constants share, trend, steps, clip).
 */
public final class NabRun {

    private NabRun() {
    }

    public static void main(String[] args) throws IOException {
        Path data = null;
        Path out = null;
        String hints = "";
        ArtSettings settings = ArtSettings.defaults();
        for (String a : args) {
            if (a.startsWith("--data=")) {
                data = Path.of(a.substring(7));
            } else if (a.startsWith("--out=")) {
                out = Path.of(a.substring(6));
            } else if (a.equals("--hints")) {
                hints = "range,length";
            } else if (a.startsWith("--hints=")) {
                hints = a.substring(8);
            } else if (a.startsWith("--set=") || a.startsWith("--set")) {
                String kv = a.startsWith("--set=") ? a.substring(6) : a.substring(5).strip();
                int eq = kv.indexOf('=');
                settings = settings.with(kv.substring(0, eq), kv.substring(eq + 1));
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (data == null || out == null) {
            throw new IllegalArgumentException("usage: --data=DIR --out=DIR [--hints] [--set=key=value]...");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        long start = System.nanoTime();
        long rows = 0;
        for (Path f : files) {
            rows += run(f, out.resolve(data.relativize(f).toString()), settings, hints);
        }
        System.out.printf("%d files, %d rows, %.2f s%n", files.size(), rows, (System.nanoTime() - start) / 1e9);
    }

    static long run(Path file, Path target, ArtSettings settings, String hints) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> stamps = new ArrayList<>();
        double[] values = new double[lines.size() - 1];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            stamps.add(line.substring(0, comma));
            double v = Double.parseDouble(line.substring(comma + 1).strip());
            values[i - 1] = v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        boolean range = hints.contains("range");
        boolean length = hints.contains("length");
        ArtSettings s = settings.withHints(new StreamHints(range ? min : Double.NaN, range ? max : Double.NaN,
                hints.startsWith("fixed:") ? Long.parseLong(hints.substring(6)) : length ? values.length : 0));
        ArtDetector d = new ArtDetector(s);
        Verdict v = new Verdict();
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,anomaly_score,severity,anomaly,step,lo,hi\n");
            for (int i = 0; i < values.length; i++) {
                d.update(values[i], v);
                w.write(stamps.get(i) + "," + values[i] + "," + v.score() + "," + d.lastSeverity() + ","
                        + (v.anomaly() ? 1 : 0) + "," + d.reportingStep() + "," + d.frameLo() + "," + d.frameHi() + "\n");
            }
        }
        if (System.getProperty("art.stats") != null) {
            System.out.printf("%s: %d rows, step %d, %d categories, state %d bytes%n", file.getFileName(),
                    values.length, d.reportingStep(), d.categories(), d.toBytes().length);
        }
        return values.length;
    }
}
