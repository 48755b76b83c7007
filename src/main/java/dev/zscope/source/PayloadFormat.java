package dev.zscope.source;

import java.util.Locale;

/** How an MQTT message carries its point. */
public enum PayloadFormat {

    /** The payload is a number as text ({@code 21.5}); the point's time is when it arrived. */
    NUMBER,

    /** The payload is {@code {"timestamp": ..., "value": ...}}; without a timestamp, when it arrived. */
    JSON;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PayloadFormat parse(String label) {
        for (PayloadFormat f : values()) {
            if (f.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return f;
            }
        }
        throw new SourceException("payload", "'" + label + "' is not a payload format: use number or json");
    }
}
