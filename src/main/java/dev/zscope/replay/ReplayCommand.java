package dev.zscope.replay;

import dev.zscope.detection.Detector;
import dev.zscope.detection.DetectorKind;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.catalog.Detectors;
import dev.zscope.detection.Setting;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code replay}: runs one detector over every {@code *.csv} under a directory, each file as its own
 * stream, and mirrors the files into an output directory with scores, in the layout the NAB scorer
 * reads. Plain Java, no Spring context: it starts in a fraction of a second and opens no port.
 */
public final class ReplayCommand {

    static final int OK = 0;
    static final int BAD_INPUT = 1;
    static final int BAD_USAGE = 2;

    private ReplayCommand() {
    }

    /** Runs the command with the arguments after {@code replay}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ReplayArgs parsed;
        try {
            parsed = ReplayArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            err.println("Run 'replay --help' for usage.");
            return BAD_USAGE;
        }
        if (parsed.help()) {
            out.print(help());
            return OK;
        }
        try {
            DetectorChoice choice = new DetectorChoice(parsed.detector(), parsed.settings());
            if (parsed.fileHints() && !choice.takesHints()) {
                err.println("replay: --file-hints: " + parsed.detector() + " takes no hints (see --help: min, max,"
                        + " period)");
                return BAD_USAGE;
            }
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return BAD_USAGE;
        }
        try {
            return replayAll(parsed, out, err);
        } catch (IOException | UncheckedIOException e) {
            err.println("replay: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private static int replayAll(ReplayArgs a, PrintStream out, PrintStream err) throws IOException {
        if (!Files.isDirectory(a.input())) {
            err.println("replay: input " + a.input() + " is not a directory");
            return BAD_INPUT;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(a.input())) {
            files = walk.filter(p -> p.toString().endsWith(".csv") && Files.isRegularFile(p)).sorted().toList();
        }
        if (files.isEmpty()) {
            err.println("replay: no *.csv files under " + a.input());
            return BAD_INPUT;
        }
        long rows = 0;
        long start = System.nanoTime();
        for (Path file : files) {
            Path relative = a.input().relativize(file);
            Path target = a.output().resolve(relative.toString());
            Files.createDirectories(target.toAbsolutePath().getParent());
            Detector detector;
            try {
                detector = detector(a, file);
            } catch (IllegalArgumentException e) {
                err.println("replay: " + file + ": " + e.getMessage());
                return BAD_INPUT;
            }
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                FileReplay.Counts c = FileReplay.run(detector, in, w);
                rows += c.rows();
                out.printf("%s: %d rows, %d missing, %d anomalies%n", relative, c.rows(), c.missing(),
                        c.anomalies());
            } catch (IllegalArgumentException e) {
                err.println("replay: " + file + ": " + e.getMessage());
                return BAD_INPUT;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("%d files, %d rows, %.2f s with %s%n", files.size(), rows, seconds, a.detector());
        return OK;
    }

    /** The file's detector: with the file's own range and length as hints under {@code --file-hints}. */
    private static Detector detector(ReplayArgs a, Path file) throws IOException {
        DetectorChoice choice = new DetectorChoice(a.detector(), a.settings());
        if (!a.fileHints()) {
            return choice.create();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return choice.withHints(FileHints.of(in)).create();
        }
    }

    static String help() {
        StringBuilder b = new StringBuilder();
        b.append("""
                Usage: java -jar zscope.jar replay --detector=<name> --input=<dir> --output=<dir> [--set key=value]...
                       [--file-hints]

                Runs one detector over every *.csv under <dir> (recursively; header timestamp,value;
                timestamps ISO-8601 with or without an offset (without: UTC), a date, epoch
                milliseconds or yyyy-MM-dd HH:mm:ss[.SSS] as UTC; an empty, NaN, null or NA value is
                missing and skipped; any time, also before 1970; a byte order mark at the start is
                ignored; a line longer than 1 MiB stops the replay), each file as its own stream, and
                writes <output>/<same relative path> with the columns
                timestamp,value,anomaly_score,expected,lower,upper,anomaly,severity.
                anomaly_score is the detector's raw score at full precision (0.0 while it learns and
                for missing values); anomaly is 1 where the live product would flag the point;
                severity is the calibrated severity in [0, 1], comparable across detectors.
                Without --file-hints the replay is strictly streaming: a detector sees each point
                once, in order, and nothing of the file ahead of it. With --file-hints each file's
                detector gets the file's minimum, maximum and row count as its hints min, max and
                period (what NAB gives every detector; only for detectors that take hints). Exit
                code 0 on success, 1 for bad input, 2 for bad usage.

                Detectors and their settings (default in brackets):
                """);
        for (DetectorKind<?> k : Detectors.kinds()) {
            b.append("\n  ").append(k.name()).append(" - ").append(k.summary()).append('\n');
            for (Setting s : k.settings()) {
                b.append("      ").append(s.key()).append(" [").append(s.defaultText()).append("]  ")
                        .append(s.help()).append("; ").append(s.range()).append('\n');
            }
        }
        return b.toString();
    }
}
