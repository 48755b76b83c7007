package dev.zscope.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts and silences as the API writes them; NaN figures as null, so the JSON stays standard. */
final class AlertJson {

    private AlertJson() {
    }

    static Map<String, Object> alert(Alert a, Links links) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("stream", a.stream());
        out.put("alertname", a.kind().alertname());
        out.put("state", a.state().label());
        out.put("flags", a.flags());
        out.put("startsAt", a.startsAt());
        out.put("firedAt", a.firedAt());
        out.put("endsAt", a.endsAt());
        out.put("lastAnomalyAt", a.lastAnomalyAt());
        out.put("anomalies", a.anomalies());
        out.put("lastSeverity", num(a.lastSeverity()));
        out.put("severity", a.severityLabel());
        out.put("detector", a.detector());
        Alert.Facts f = a.last();
        if (f != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("time", f.time());
            last.put("value", num(f.value()));
            last.put("expected", num(f.expected()));
            last.put("lower", num(f.lower()));
            last.put("upper", num(f.upper()));
            last.put("score", num(f.score()));
            out.put("last", last);
        }
        Alert.Acknowledgement ack = a.acknowledgement();
        out.put("acknowledgement", ack == null ? null : Map.of("by", ack.by(), "at", ack.at(), "comment", ack.comment()));
        out.put("silencedBy", a.silencedBy());
        out.put("resolution", a.resolution());
        out.put("dashboard", links.dashboard(a.stream()));
        return out;
    }

    /** Alertmanager's {@code GettableSilence}. */
    static Map<String, Object> silence(Silence s, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("status", Map.of("state", s.status(now).label()));
        out.put("updatedAt", s.updatedAt());
        List<Map<String, Object>> matchers = s.matchers().stream().map(m -> Map.<String, Object>of("name", m.name(),
                "value", m.value(), "isRegex", m.isRegex(), "isEqual", m.isEqual())).toList();
        out.put("matchers", matchers);
        out.put("startsAt", s.startsAt());
        out.put("endsAt", s.endsAt());
        out.put("createdBy", s.createdBy());
        out.put("comment", s.comment());
        return out;
    }

    private static Double num(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
