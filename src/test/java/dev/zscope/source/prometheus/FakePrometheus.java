package dev.zscope.source.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A stand-in for Prometheus's {@code /api/v1/query_range}, for tests without the real server: its
 * series have values given by functions of the time, evaluated at every step of the asked range,
 * and it can be told to fail. The real server is tested in {@code PrometheusIT}.
 */
public final class FakePrometheus implements AutoCloseable {

    /** A series: its labels and its value at each time in milliseconds (null: no sample there). */
    public record Series(Map<String, String> labels, LongFunction<String> value) {
    }

    private final HttpServer server;
    private final List<Series> series = new ArrayList<>();
    private final List<Map<String, String>> requests = new ArrayList<>();
    private volatile int failWith;
    private volatile String errorBody;

    public FakePrometheus() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query_range", this::queryRange);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized FakePrometheus add(Map<String, String> labels, LongFunction<String> value) {
        series.add(new Series(labels, value));
        return this;
    }

    /** Answers every request with this status and an empty body (0: answer normally). */
    public void failWith(int status) {
        this.failWith = status;
    }

    /** Answers every request with this Prometheus error body and HTTP 400 (null: answer normally). */
    public void errorBody(String json) {
        this.errorBody = json;
    }

    public synchronized List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    private void queryRange(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        synchronized (this) {
            requests.add(form);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (failWith != 0) {
            exchange.sendResponseHeaders(failWith, -1);
            exchange.close();
            return;
        }
        if (errorBody != null) {
            byte[] body = errorBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        long start = millis(form.get("start"));
        long end = millis(form.get("end"));
        long step = millis(form.get("step"));
        StringBuilder b = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
        List<Series> all;
        synchronized (this) {
            all = List.copyOf(series);
        }
        boolean firstSeries = true;
        for (Series s : all) {
            StringBuilder values = new StringBuilder();
            for (long t = start; t <= end; t += step) {
                String v = s.value().apply(t);
                if (v != null) {
                    values.append(values.isEmpty() ? "" : ",").append('[').append(BigDecimal.valueOf(t, 3)
                            .stripTrailingZeros().toPlainString()).append(",\"").append(v).append("\"]");
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            b.append(firstSeries ? "" : ",").append("{\"metric\":{");
            firstSeries = false;
            boolean firstLabel = true;
            for (var label : s.labels().entrySet()) {
                b.append(firstLabel ? "" : ",").append('"').append(label.getKey()).append("\":\"")
                        .append(label.getValue()).append('"');
                firstLabel = false;
            }
            b.append("},\"values\":[").append(values).append("]}");
        }
        byte[] body = b.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static long millis(String seconds) {
        return new BigDecimal(seconds).movePointRight(3).longValueExact();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
