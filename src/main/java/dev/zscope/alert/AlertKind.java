package dev.zscope.alert;

/** What an alert is about: a stream's anomalies, or its silence. Its {@code alertname} label says which. */
public enum AlertKind {

    ANOMALY("ZscopeAnomaly"),
    NODATA("ZscopeNoData");

    private final String alertname;

    AlertKind(String alertname) {
        this.alertname = alertname;
    }

    /** The {@code alertname} label of notifications. */
    public String alertname() {
        return alertname;
    }
}
