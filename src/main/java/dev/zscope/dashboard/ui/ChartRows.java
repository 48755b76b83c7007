package dev.zscope.dashboard.ui;

import dev.zscope.anomaly.AnomalyReason;
import dev.zscope.engine.StreamPoint;
import dev.zscope.history.Series;
import java.util.List;

/**
 * The chart's rows as compact JSON: {@code [millis, value, expected, lower, upper, anomaly, injected]}
 * per point, and for an anomaly also {@code severity, score, why} (why it was flagged, in words, for
 * the tooltip). JSON has no NaN or Infinity: a gap in the line is the honest picture of either.
 */
final class ChartRows {

    private ChartRows() {
    }

    /**
     * A loaded range: each bucket as its lowest and highest point in time order (one point when it
     * holds one), merged by time with the kept anomalies and injections.
     */
    static String load(Series s, long from, long to, boolean live, Long highlight) {
        StringBuilder sb = new StringBuilder(64 + s.buckets().size() * 110 + s.marks().size() * 200);
        sb.append("{\"from\":").append(from).append(",\"to\":").append(to).append(",\"live\":").append(live)
                .append(",\"highlight\":").append(highlight == null ? "null" : highlight.toString()).append(",\"rows\":[");
        List<Series.Mark> marks = s.marks();
        int m = 0;
        boolean first = true;
        for (Series.Bucket b : s.buckets()) {
            long early = Math.min(b.minTime(), b.maxTime());
            while (m < marks.size() && marks.get(m).time() <= early) {
                first = comma(sb, first);
                mark(sb, marks.get(m++));
            }
            boolean minFirst = b.minTime() <= b.maxTime();
            first = comma(sb, first);
            row(sb, minFirst ? b.minTime() : b.maxTime(), minFirst ? b.min() : b.max(), b);
            if (b.count() > 1 && b.minTime() != b.maxTime()) {
                sb.append(',');
                row(sb, minFirst ? b.maxTime() : b.minTime(), minFirst ? b.max() : b.min(), b);
            }
        }
        while (m < marks.size()) {
            first = comma(sb, first);
            mark(sb, marks.get(m++));
        }
        return sb.append("]}").toString();
    }

    /** The newest time in a series, or {@link Long#MIN_VALUE} when it is empty. */
    static long newest(Series s) {
        long newest = Long.MIN_VALUE;
        for (Series.Bucket b : s.buckets()) {
            newest = Math.max(newest, Math.max(b.minTime(), b.maxTime()));
        }
        return s.marks().isEmpty() ? newest : Math.max(newest, s.marks().getLast().time());
    }

    /** Points as the engine judged them (live). */
    static String points(List<StreamPoint> points) {
        StringBuilder sb = new StringBuilder(points.size() * 64).append('[');
        for (int i = 0; i < points.size(); i++) {
            StreamPoint p = points.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append('[').append(p.epochMillis()).append(',');
            number(sb, p.value()).append(',');
            number(sb, p.expected()).append(',');
            number(sb, p.lower()).append(',');
            number(sb, p.upper()).append(',');
            sb.append(p.anomaly() ? 1 : 0).append(',').append(p.injected() ? 1 : 0);
            if (p.anomaly()) {
                sb.append(',');
                severity(sb, p.severity()).append(',');
                number(sb, p.score()).append(',');
                string(sb, AnomalyReason.of(p.value(), p.expected(), p.lower(), p.upper()));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** {@code [[millis, value], ...]}: what candidate settings would flag. */
    static String preview(List<StreamPoint> flagged) {
        StringBuilder sb = new StringBuilder(flagged.size() * 32).append('[');
        for (int i = 0; i < flagged.size(); i++) {
            StreamPoint p = flagged.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append('[').append(p.epochMillis()).append(',');
            number(sb, p.value()).append(']');
        }
        return sb.append(']').toString();
    }

    private static boolean comma(StringBuilder sb, boolean first) {
        if (!first) {
            sb.append(',');
        }
        return false;
    }

    private static void row(StringBuilder sb, long t, double v, Series.Bucket b) {
        sb.append('[').append(t).append(',');
        number(sb, v).append(',');
        number(sb, b.expected()).append(',');
        number(sb, b.lower()).append(',');
        number(sb, b.upper()).append(",0,0]");
    }

    private static void mark(StringBuilder sb, Series.Mark k) {
        sb.append('[').append(k.time()).append(',');
        number(sb, k.value()).append(',');
        number(sb, k.expected()).append(',');
        number(sb, k.lower()).append(',');
        number(sb, k.upper()).append(',');
        sb.append(k.anomaly() ? 1 : 0).append(',').append(k.injected() ? 1 : 0);
        if (k.anomaly()) {
            sb.append(',');
            severity(sb, k.severity()).append(',');
            number(sb, k.score()).append(',');
            string(sb, AnomalyReason.of(k.value(), k.expected(), k.lower(), k.upper()));
        }
        sb.append(']');
    }

    /** A severity, kept as a float: its shortest float text (0.9987, not 0.9987000226974487). */
    static StringBuilder severity(StringBuilder sb, double d) {
        return number(sb, Double.parseDouble(Float.toString((float) d)));
    }

    static StringBuilder number(StringBuilder sb, double d) {
        return Double.isFinite(d) ? sb.append(d) : sb.append("null");
    }

    /** A JSON string of text we wrote ourselves (numbers, letters, punctuation): quotes and backslashes escaped. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            if (c >= 0x20) {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
