package dev.zscope.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one rule that turns what a source names (a Prometheus source's name and a series' label
 * values, an MQTT topic level) into a stream name ({@code [A-Za-z0-9._:-]{1,100}}):
 * <ol>
 *   <li>the parts are joined with {@code .};</li>
 *   <li>if the result is a valid stream name, that is the name;</li>
 *   <li>otherwise every character outside the allowed ones becomes {@code _}, the result is cut to
 *       {@value #KEPT} characters, and {@code -} plus the first 8 hex digits of the SHA-256 of the
 *       joined parts (UTF-8) are appended; so names stay distinct when only forbidden characters or
 *       what was cut tell them apart, and the same parts always give the same name.</li>
 * </ol>
 */
public final class StreamNaming {

    static final int MAX = 100;
    static final int KEPT = MAX - 9;

    private StreamNaming() {
    }

    public static String name(List<String> parts) {
        String joined = String.join(".", parts);
        if (!joined.isEmpty() && joined.length() <= MAX && allowed(joined)) {
            return joined;
        }
        StringBuilder b = new StringBuilder(Math.min(joined.length(), KEPT) + 9);
        for (int i = 0; i < joined.length() && b.length() < KEPT; i++) {
            char c = joined.charAt(i);
            b.append(isAllowed(c) ? c : '_');
        }
        return b.append('-').append(hash(joined)).toString();
    }

    private static boolean allowed(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isAllowed(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == ':';
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
