package dev.zscope.streams.ui;

import java.util.Locale;

/** Turns recent values into an SVG polyline's points, scaled into a small box. */
final class Sparkline {

    private Sparkline() {
    }

    static String points(double[] values, int width, int height) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (values.length < 2 || min > max) {
            return "";
        }
        double span = max > min ? max - min : 1;
        StringBuilder sb = new StringBuilder(values.length * 12);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                continue;
            }
            double x = i * (width - 1.0) / (values.length - 1);
            double y = (height - 1) - (values[i] - min) / span * (height - 2);
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return sb.toString().trim();
    }
}
