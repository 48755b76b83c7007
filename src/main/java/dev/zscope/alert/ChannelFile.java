package dev.zscope.alert;

import dev.zscope.base.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The channels admins made in the UI, in {@code alert-channels.properties} in the data directory:
 * readable by its owner only, since URLs and addresses can be secrets (a Slack webhook's path is
 * its key). Replaced whole and atomically on every change.
 */
final class ChannelFile {

    static final String NAME = "alert-channels.properties";

    private final Path file;

    ChannelFile(Path directory) {
        this.file = directory.resolve(NAME);
    }

    Path file() {
        return file;
    }

    /** The channels in the file; a channel the file describes badly is skipped with the reason in {@code problems}. */
    List<ChannelSpec> read(AlertProperties defaults, List<String> problems) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        PrivateFiles.ownerOnly(file);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        TreeSet<String> names = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            if (dot > 0) {
                names.add(key.substring(0, dot));
            }
        }
        List<ChannelSpec> out = new ArrayList<>();
        for (String name : names) {
            try {
                String to = p.getProperty(name + ".to", "");
                out.add(new ChannelSpec(name, ChannelType.parse(p.getProperty(name + ".type", "")),
                        p.getProperty(name + ".url"), to.isBlank() ? List.of() : Arrays.asList(to.split(",")),
                        p.getProperty(name + ".from"), Boolean.parseBoolean(p.getProperty(name + ".send-resolved", "true")),
                        Durations.parse(p.getProperty(name + ".group-wait", Durations.text(defaults.groupWait()))),
                        Durations.parse(p.getProperty(name + ".group-interval",
                                Durations.text(defaults.groupInterval()))),
                        Durations.parse(p.getProperty(name + ".repeat-interval",
                                Durations.text(defaults.repeatInterval()))), false));
            } catch (IllegalArgumentException e) {
                problems.add(NAME + ": channel " + name + " is skipped: " + e.getMessage());
            }
        }
        return out;
    }

    void write(List<ChannelSpec> channels) throws IOException {
        PrivateFiles.replace(file, w -> {
            w.write("# Alert channels made in Zscope's UI. Owner-only: URLs may hold secrets.\n");
            for (ChannelSpec c : channels) {
                Properties p = new Properties();
                put(p, c.name() + ".type", c.type().label());
                put(p, c.name() + ".url", c.url());
                put(p, c.name() + ".to", String.join(",", c.to()));
                put(p, c.name() + ".from", c.from());
                put(p, c.name() + ".send-resolved", Boolean.toString(c.sendResolved()));
                put(p, c.name() + ".group-wait", Durations.text(c.groupWait()));
                put(p, c.name() + ".group-interval", Durations.text(c.groupInterval()));
                put(p, c.name() + ".repeat-interval", Durations.text(c.repeatInterval()));
                java.io.StringWriter text = new java.io.StringWriter();
                p.store(text, null);
                for (String line : new TreeSet<>(text.toString().lines().filter(l -> !l.startsWith("#")).toList())) {
                    w.write(line);
                    w.write('\n');
                }
            }
        });
    }

    private static void put(Properties p, String key, String value) {
        if (value != null && !value.isEmpty()) {
            p.setProperty(key, value);
        }
    }
}
