package dev.zscope.engine;

import java.util.regex.Pattern;

/**
 * What a stream may be called: 1–100 characters of letters, digits, '.', '_', '-' and ':', so a
 * name is safe in a URL path, a CSV cell and a log line without escaping.
 */
public final class StreamNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private StreamNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns the name, or throws with a message that says what is allowed. */
    public static String require(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid stream name '" + name + "': use 1 to 100 "
                    + "letters, digits, '.', '_', '-' or ':'");
        }
        return name;
    }
}
