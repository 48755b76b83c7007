package dev.zscope.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH exactly as {@code java -jar benchmarks.jar} would (same options), then prints each figure
 * next to the baseline it is judged against, from the same run: every benchmark divided by its class's
 * baseline (the method whose name ends in {@code Baseline}, e.g. {@code readBaseline}) at the same
 * parameters, and every figure at the largest window divided by the
 * same figure at the smallest (issue 5 wants ≤ 3× and ≤ 1.15× respectively for {@code zscore}). For a throughput
 * benchmark the quotient is of throughputs, so below 1 means slower than the baseline.
 * With {@code -prof gc} it adds the bytes allocated per operation, which is per point wherever the
 * benchmark declares its batch in {@code @OperationsPerInvocation}.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar dev.zscope.bench.Ratios DetectorBenchmark -prof gc}.
 */
public final class Ratios {

    /** A method whose name ends so is the baseline of the other methods of its class. */
    private static final String BASELINE = "Baseline";
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private Ratios() {
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        print(results, System.out);
    }

    static void print(Collection<RunResult> results, PrintStream out) {
        Map<String, Row> rows = new TreeMap<>();
        for (RunResult run : results) {
            Row row = new Row(run);
            rows.put(row.key(), row);
        }
        out.println();
        out.println("Figures next to their baselines (same run):");
        out.printf(Locale.ROOT, "%-48s %-16s %14s %14s %12s%n", "benchmark", "params", "score", "x baseline",
                "B/op");
        Map<String, Row> baselines = new TreeMap<>();
        for (Row row : rows.values()) {
            if (row.isBaseline()) {
                baselines.put(row.clazz + "#" + row.params, row);
            }
        }
        for (Row row : rows.values()) {
            Row baseline = baselines.get(row.clazz + "#" + row.params);
            String ratio = baseline == null || row.isBaseline() ? "" : fmt(row.score / baseline.score) + "x";
            out.printf(Locale.ROOT, "%-48s %-16s %14s %14s %12s%n", row.benchmark, row.params,
                    fmt(row.score) + " " + row.unit, ratio, Double.isNaN(row.allocated) ? "" : fmt(row.allocated));
        }
        printFlatness(rows.values(), out);
        printMissingDetectors(out);
    }

    /** Says which detector benchmarks could not run in this build, so a missing row is not a mystery. */
    private static void printMissingDetectors(PrintStream out) {
        for (String name : List.of("ewma", "default")) {
            if (BenchDetectors.find(name, 100).isEmpty()) {
                out.println();
                out.println("Not measured: " + BenchDetectors.missing(name));
            }
        }
    }

    /** For benchmarks with a {@code window} parameter: largest window over smallest. */
    private static void printFlatness(Collection<Row> rows, PrintStream out) {
        Map<String, List<Row>> byBenchmark = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.window() >= 0) {
                byBenchmark.computeIfAbsent(row.benchmark, b -> new java.util.ArrayList<>()).add(row);
            }
        }
        byBenchmark.values().removeIf(list -> list.size() < 2);
        if (byBenchmark.isEmpty()) {
            return;
        }
        out.println();
        out.println("Flatness in the window (score at the largest window / score at the smallest):");
        byBenchmark.forEach((benchmark, list) -> {
            Row smallest = list.stream().min(Comparator.comparingInt(Row::window)).orElseThrow();
            Row largest = list.stream().max(Comparator.comparingInt(Row::window)).orElseThrow();
            if (smallest != largest) {
                out.printf(Locale.ROOT, "%-48s window %d vs %d: %sx%n", benchmark, largest.window(),
                        smallest.window(), fmt(largest.score / smallest.score));
            }
        });
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.3f",
                value);
    }

    /** One benchmark at one set of parameters. */
    private static final class Row {
        final String benchmark;
        final String clazz;
        final String method;
        final String params;
        final double score;
        final String unit;
        final double allocated;

        Row(RunResult run) {
            benchmark = run.getParams().getBenchmark();
            int dot = benchmark.lastIndexOf('.');
            clazz = benchmark.substring(0, dot);
            method = benchmark.substring(dot + 1);
            StringBuilder p = new StringBuilder();
            for (String key : new TreeMap<>(paramMap(run)).keySet()) {
                p.append(p.isEmpty() ? "" : ",").append(key).append('=').append(run.getParams().getParam(key));
            }
            params = p.toString();
            score = run.getPrimaryResult().getScore();
            unit = run.getPrimaryResult().getScoreUnit();
            Result<?> gc = run.getSecondaryResults().get(ALLOCATION);
            allocated = gc == null ? Double.NaN : gc.getScore();
        }

        private static Map<String, String> paramMap(RunResult run) {
            Map<String, String> map = new TreeMap<>();
            for (String key : run.getParams().getParamsKeys()) {
                map.put(key, run.getParams().getParam(key));
            }
            return map;
        }

        String key() {
            return clazz + "#" + method + "#" + params;
        }

        boolean isBaseline() {
            return method.endsWith(BASELINE);
        }

        int window() {
            for (String part : params.split(",")) {
                if (part.startsWith("window=")) {
                    return Integer.parseInt(part.substring("window=".length()));
                }
            }
            return -1;
        }
    }
}
