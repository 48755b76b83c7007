package dev.zscope.source;

import java.util.Locale;

/** What a source reads from. */
public enum SourceType {

    /** A PromQL query polled through {@code /api/v1/query_range}: one stream per series. */
    PROMETHEUS,

    /** An MQTT topic filter subscribed with QoS 1: one stream per topic level under the first {@code +}. */
    MQTT;

    /** The name in configuration and the UI: {@code prometheus} or {@code mqtt}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SourceType parse(String label) {
        for (SourceType t : values()) {
            if (t.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return t;
            }
        }
        throw new SourceException("type", "'" + label + "' is not a source type: use prometheus or mqtt");
    }
}
