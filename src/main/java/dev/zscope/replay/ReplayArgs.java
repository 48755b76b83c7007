package dev.zscope.replay;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed command line of {@code replay}.
 *
 * @param detector the detector's name
 * @param input    the directory searched for {@code *.csv}, recursively
 * @param output   the directory the results mirror the input into
 * @param settings the {@code --set key=value} pairs, in order
 * @param fileHints true for {@code --file-hints}: each file's detector gets the file's minimum,
 *                 maximum and row count as hints (what NAB gives its detectors)
 * @param help     true for {@code --help}: print the usage and the detectors, run nothing
 */
record ReplayArgs(String detector, Path input, Path output, Map<String, String> settings, boolean fileHints,
                  boolean help) {

    /** @throws IllegalArgumentException with a message fit to show as is */
    static ReplayArgs parse(String[] args) {
        String detector = null;
        Path input = null;
        Path output = null;
        Map<String, String> settings = new LinkedHashMap<>();
        boolean fileHints = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return new ReplayArgs(null, null, null, Map.of(), false, true);
            } else if (a.startsWith("--detector=")) {
                detector = a.substring("--detector=".length());
            } else if (a.equals("--file-hints")) {
                fileHints = true;
            } else if (a.startsWith("--input=")) {
                input = Path.of(a.substring("--input=".length()));
            } else if (a.startsWith("--output=")) {
                output = Path.of(a.substring("--output=".length()));
            } else if (a.equals("--set") || a.startsWith("--set=")) {
                String pair = a.equals("--set") ? (i + 1 < args.length ? args[++i] : "") : a.substring(6);
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set needs key=value, got '" + pair + "'");
                }
                settings.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (detector == null || input == null || output == null) {
            throw new IllegalArgumentException("--detector, --input and --output are all required");
        }
        return new ReplayArgs(detector, input, output, settings, fileHints, false);
    }
}
