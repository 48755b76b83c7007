package dev.zscope.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Notifications as text, for people: one line per alert for Slack and Mattermost, a subject and a
 * body for e-mail. Figures are the last anomaly's, times are UTC (a chat message has no viewer's
 * time zone).
 */
final class NoticeText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private NoticeText() {
    }

    /** "Anomaly on cpu: 93.2 (expected 50.1)" or "No data from cpu". */
    static String summary(Alert a) {
        if (a.kind() == AlertKind.NODATA) {
            return "No data from " + a.stream() + (a.lastAnomalyAt() == null ? ""
                    : " since " + TIME.format(a.lastAnomalyAt()));
        }
        Alert.Facts f = a.last();
        return f == null ? "Anomaly on " + a.stream()
                : "Anomaly on " + a.stream() + ": " + num(f.value()) + " (expected " + num(f.expected()) + ")";
    }

    /** One line: status, stream, figures, since when, the dashboard link. */
    static String line(Notice.Item item, Links links, boolean test) {
        Alert a = item.alert();
        StringBuilder b = new StringBuilder();
        if (test) {
            b.append(":large_blue_circle: TEST · Zscope can reach this channel · ");
        } else if (!item.firing()) {
            b.append(":white_check_mark: RESOLVED · ");
        } else {
            b.append(a.kind() == AlertKind.NODATA ? ":grey_question: NO DATA · " : ":red_circle: FIRING · ");
        }
        b.append(a.stream());
        if (a.kind() == AlertKind.ANOMALY && a.last() != null) {
            Alert.Facts f = a.last();
            b.append(" · value ").append(num(f.value())).append(", expected ").append(num(f.expected()));
            if (!Double.isNaN(f.lower()) || !Double.isNaN(f.upper())) {
                b.append(" (").append(band(f)).append(')');
            }
            b.append(", score ").append(num(f.score()));
            if (!Double.isNaN(a.lastSeverity())) {
                b.append(", severity ").append(num(a.lastSeverity()));
            }
        }
        if (!test) {
            b.append(" · ").append(a.anomalies()).append(a.anomalies() == 1 ? " anomaly" : " anomalies");
            if (item.firing()) {
                b.append(" since ").append(TIME.format(a.startsAt()));
            } else if (a.endsAt() != null) {
                b.append(", lasted ").append(Durations.text(Duration.ofSeconds(
                        Duration.between(a.startsAt(), a.endsAt()).toSeconds())));
            }
            if (item.firing() && a.acknowledged()) {
                b.append(" · acknowledged by ").append(a.acknowledgement().by());
            }
        }
        return b.append(" · ").append(links.dashboard(a.stream())).toString();
    }

    /** The e-mail's subject: "[Zscope] FIRING: cpu: 93.2 (expected 50.1)". */
    static String subject(Notice n) {
        if (n.test()) {
            return "[Zscope] Test notification from channel " + n.channel();
        }
        Alert first = n.items().getFirst().alert();
        String status = n.firing() ? (first.kind() == AlertKind.NODATA ? "NO DATA" : "FIRING") : "RESOLVED";
        return "[Zscope] " + status + ": " + summary(first)
                + (n.items().size() > 1 ? " (+" + (n.items().size() - 1) + " more)" : "");
    }

    /** The e-mail's body: a line per alert, then its annotations. */
    static String body(Notice n, Links links) {
        StringBuilder b = new StringBuilder();
        for (Notice.Item item : n.items()) {
            b.append(line(item, links, n.test())).append("\n\n");
            NoticeJson.annotations(item.alert(), links).forEach((k, v) -> b.append("  ").append(k).append(": ")
                    .append(v).append('\n'));
            b.append("  started: ").append(TIME.format(item.alert().startsAt())).append('\n');
            if (item.alert().endsAt() != null) {
                b.append("  ended: ").append(TIME.format(item.alert().endsAt())).append('\n');
            }
            b.append('\n');
        }
        return b.append("Sent by Zscope at ").append(TIME.format(n.at())).append(" through channel ")
                .append(n.channel()).append(".\n").toString();
    }

    static String band(Alert.Facts f) {
        return num(f.lower()) + " to " + num(f.upper());
    }

    /** Six significant digits, no exponent for everyday sizes, "∞" and "NaN" spelled out. */
    static String num(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        String s = String.format(Locale.ROOT, "%.6g", d);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    static String time(Instant t) {
        return TIME.format(t);
    }
}
