package dev.zscope.alert;

import java.util.Locale;

/**
 * Where an alert is in its life. Acknowledged, silenced and flapping are flags on top of these,
 * not states.
 */
public enum AlertState {

    /** Anomalies have started, but not yet as many as the rule asks for; nobody is told. */
    PENDING,

    /** An incident: notified (unless silenced or flapping). */
    FIRING,

    /** Over: quiet for the rule's keep-firing-for, or labelled "expected", or data came back. */
    RESOLVED,

    /** A stream that had data has had none for the rule's no-data time. */
    NODATA;

    /** As the API and the UI write it: {@code firing}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the alert is still open (not resolved). */
    public boolean open() {
        return this != RESOLVED;
    }

    /** The state named by {@code label}, any case. */
    public static AlertState parse(String label) {
        try {
            return valueOf(label.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown alert state '" + label
                    + "'; use pending, firing, resolved or nodata");
        }
    }
}
