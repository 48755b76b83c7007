package dev.zscope.ingest;

import java.util.Locale;

/** What an API token allows: reading stream status, writing points, or both. */
public enum Scope {

    /** {@code GET /api/v1/streams}. */
    READ,

    /** {@code POST /api/v1/streams/{stream}/points}. */
    WRITE;

    /** The name in configuration, the token file and the UI: {@code read} or {@code write}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority this scope grants, e.g. {@code SCOPE_write}. */
    public String authority() {
        return "SCOPE_" + label();
    }

    static Scope parse(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
