package dev.zscope.source;

import dev.zscope.base.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources admins added in the UI, in {@code sources.properties} in the data directory
 * ({@code <name>.<field>=value}, as in configuration). It holds passwords, so it is written
 * owner-only and replaced in one step ({@link PrivateFiles}). An entry that cannot be used is
 * logged (without its fields) and left out; the file keeps it until the next save.
 */
final class SourceFile {

    static final String NAME = "sources.properties";
    private static final Logger log = LoggerFactory.getLogger(SourceFile.class);

    private final Path file;

    SourceFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(NAME);
    }

    List<SourceDefinition> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            log.error("Cannot read {}; the sources added in the UI are not started: {}", file, e.getMessage());
            return List.of();
        }
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            if (dot > 0) {
                byName.computeIfAbsent(key.substring(0, dot), k -> new HashMap<>()).put(key.substring(dot + 1),
                        p.getProperty(key));
            }
        }
        List<SourceDefinition> out = new ArrayList<>();
        byName.forEach((name, fields) -> {
            try {
                out.add(SourceDefinition.of(name, fields, SourceDefinition.Origin.UI));
            } catch (SourceException e) {
                log.error("Source '{}' in {} cannot be used and is not started ({})", name, file, e.getMessage());
            }
        });
        return out;
    }

    void save(Collection<SourceDefinition> sources) {
        try {
            PrivateFiles.replace(file, writer -> {
                writer.write("# Sources added in Zscope's UI. Holds passwords: keep it private.\n");
                for (SourceDefinition d : sources) {
                    for (var field : d.fields(true).entrySet()) {
                        writer.write(escape(d.name() + "." + field.getKey(), true) + "=" + escape(field.getValue(), false)
                                + "\n");
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Properties-file escaping of a key or value (as {@link Properties#store} does). */
    private static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
