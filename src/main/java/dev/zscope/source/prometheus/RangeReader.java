package dev.zscope.source.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a {@code query_range} answer with Jackson's streaming parser: {@code {"status":"success",
 * "data":{"resultType":"matrix","result":[{"metric":{...},"values":[[1714564800,"21.5"],...]}]}}},
 * handing over each series once it is read; or the error Prometheus gives
 * ({@code {"status":"error","errorType":...,"error":...}}) as an {@link AnswerException}.
 * Timestamps are seconds with a fraction, turned into milliseconds; values are text, where
 * {@code NaN}, {@code +Inf} and {@code -Inf} are read as such (the caller skips them).
 */
final class RangeReader {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Receives each series: its labels (by name) and its points, oldest first, in {@code [0, n)}. */
    @FunctionalInterface
    interface SeriesSink {
        void series(Map<String, String> labels, long[] times, double[] values, int n) throws InterruptedException;
    }

    /** An answer that is an error, or not the answer of a range query. */
    static final class AnswerException extends IOException {
        AnswerException(String message) {
            super(message);
        }
    }

    private RangeReader() {
    }

    static void read(InputStream body, int httpStatus, SeriesSink sink) throws IOException, InterruptedException {
        String status = null;
        String errorType = null;
        String error = null;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "status" -> status = p.getString();
                    case "errorType" -> errorType = p.getString();
                    case "error" -> error = p.getString();
                    case "data" -> {
                        if (t == JsonToken.START_OBJECT) {
                            data(p, sink);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new AnswerException("the answer is not the JSON of a range query (HTTP " + httpStatus + ": "
                    + e.getOriginalMessage() + ")");
        } catch (AnswerException e) {
            throw httpStatus / 100 == 2 ? e : new AnswerException("HTTP " + httpStatus + ": " + e.getMessage());
        }
        if (!"success".equals(status)) {
            throw new AnswerException("Prometheus refused the query (HTTP " + httpStatus
                    + (errorType == null ? "" : ", " + errorType) + "): " + (error == null ? "no reason given" : error));
        }
    }

    private static void data(JsonParser p, SeriesSink sink) throws IOException, InterruptedException {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("resultType")) {
                if (!"matrix".equals(p.getString())) {
                    throw new AnswerException("the query gave a " + p.getString() + ", not a range of series");
                }
            } else if (field.equals("result") && t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    series(p, sink);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static void series(JsonParser p, SeriesSink sink) throws IOException, InterruptedException {
        Map<String, String> labels = new TreeMap<>();
        long[] times = new long[16];
        double[] values = new double[16];
        int n = 0;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("metric") && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    labels.put(name, p.getString());
                }
            } else if (field.equals("values") && t == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    p.nextToken();
                    long millis = Math.round(p.getDoubleValue() * 1000);
                    p.nextToken();
                    double value = value(p.getString());
                    expect(p.nextToken(), JsonToken.END_ARRAY);
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                        values = Arrays.copyOf(values, n * 2);
                    }
                    times[n] = millis;
                    values[n] = value;
                    n++;
                }
            } else {
                p.skipChildren();
            }
        }
        sink.series(labels, times, values, n);
    }

    static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws AnswerException {
        if (actual != wanted) {
            throw new AnswerException("unexpected " + actual + " in the answer where " + wanted + " belongs");
        }
    }
}
