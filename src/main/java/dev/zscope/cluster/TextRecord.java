package dev.zscope.cluster;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The values of the compacted topics ({@code settings}, {@code streams}, {@code tokens}) as
 * {@code key=value} lines in UTF-8 (properties escaping), so that an operator can read them with
 * {@code kafka-console-consumer}. Lines come sorted, so equal content gives equal bytes.
 */
final class TextRecord {

    private TextRecord() {
    }

    static byte[] encode(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(fields).forEach((k, v) -> b.append(escape(k, true)).append('=').append(escape(v, false))
                .append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException for bytes that are not such lines */
    static Map<String, String> decode(byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not key=value lines: " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    private static String escape(String text, boolean key) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20) {
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
