package dev.zscope.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications as Alertmanager's JSON: its webhook payload (version 4), so any receiver written
 * for Alertmanager works unchanged, and the alerts its own API takes ({@code POST /api/v2/alerts}).
 */
final class NoticeJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Alertmanager's "not yet ended". */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    /** An Alertmanager channel's firing alerts end this long after each post unless posted again. */
    static final long ALERTMANAGER_ENDS_AFTER_MILLIS = 5 * 60_000;

    private NoticeJson() {
    }

    /** The webhook payload. */
    static byte[] webhook(Notice n, Links links) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Notice.Item item : n.items()) {
            Map<String, Object> a = alert(item, links, n.at(), false);
            a.put("fingerprint", fingerprint(labels(item.alert())));
            a.put("groupKey", n.groupKey());
            alerts.add(a);
        }
        body.put("version", "4");
        body.put("groupKey", n.groupKey());
        body.put("truncatedAlerts", 0);
        body.put("status", n.firing() ? "firing" : "resolved");
        body.put("receiver", n.channel());
        body.put("groupLabels", Map.of("stream", n.stream()));
        body.put("commonLabels", n.items().size() == 1 ? labels(n.items().getFirst().alert()) : Map.of("stream", n.stream()));
        body.put("commonAnnotations", n.items().size() == 1 ? annotations(n.items().getFirst().alert(), links) : Map.of());
        body.put("externalURL", links.publicUrl());
        body.put("alerts", alerts);
        return JSON.writeValueAsBytes(body);
    }

    /** The body of {@code POST <alertmanager>/api/v2/alerts}. */
    static byte[] alertmanager(Notice n, Links links) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Notice.Item item : n.items()) {
            alerts.add(alert(item, links, n.at(), true));
        }
        return JSON.writeValueAsBytes(alerts);
    }

    private static Map<String, Object> alert(Notice.Item item, Links links, Instant now, boolean alertmanager) {
        Alert a = item.alert();
        Map<String, Object> out = new LinkedHashMap<>();
        if (!alertmanager) {
            out.put("status", item.firing() ? "firing" : "resolved");
        }
        out.put("labels", labels(a));
        out.put("annotations", annotations(a, links));
        out.put("startsAt", time(a.startsAt()));
        String ends;
        if (!item.firing()) {
            ends = time(a.endsAt() != null ? a.endsAt() : now);
        } else {
            ends = alertmanager ? time(now.plusMillis(ALERTMANAGER_ENDS_AFTER_MILLIS)) : ZERO_TIME;
        }
        out.put("endsAt", ends);
        out.put("generatorURL", links.dashboard(a.stream()));
        return out;
    }

    /** alertname, stream, detector, severity: fixed for the alert's life, as Alertmanager keys alerts on them. */
    static Map<String, String> labels(Alert a) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", a.kind().alertname());
        labels.put("stream", a.stream());
        labels.put("detector", a.detector() == null ? "" : a.detector());
        labels.put("severity", a.severityLabel() == null ? "warning" : a.severityLabel());
        return labels;
    }

    static Map<String, String> annotations(Alert a, Links links) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("summary", NoticeText.summary(a));
        Alert.Facts f = a.last();
        if (f != null) {
            out.put("value", NoticeText.num(f.value()));
            out.put("expected", NoticeText.num(f.expected()));
            out.put("band", NoticeText.band(f));
            out.put("score", NoticeText.num(f.score()));
        }
        if (!Double.isNaN(a.lastSeverity())) {
            out.put("severity_score", NoticeText.num(a.lastSeverity()));
        }
        out.put("anomalies", Long.toString(a.anomalies()));
        out.put("dashboard", links.dashboard(a.stream()));
        out.put("alert", links.alert(a.id()));
        out.put("alert_id", Long.toString(a.id()));
        return out;
    }

    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /**
     * Alertmanager's fingerprint of a label set (FNV-1a 64 over the sorted names and values, each
     * followed by the byte 255), so receivers see the same fingerprint Alertmanager would give.
     */
    static String fingerprint(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, e.getKey());
            hash = addByte(hash, (byte) 0xff);
            hash = add(hash, e.getValue());
            hash = addByte(hash, (byte) 0xff);
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b);
        }
        return hash;
    }

    private static long addByte(long hash, byte b) {
        return (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
}
