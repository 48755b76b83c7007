package dev.zscope.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP receiver on loopback (the JDK's {@code HttpServer}) that records every request and
 * answers 200, or the statuses queued with {@link #failNext}.
 */
final class Receiver implements AutoCloseable {

    /** One request as received, with the receiver's clock. */
    record Request(String method, String path, String body, long receivedMillis) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
                        System.currentTimeMillis()));
                status = statuses.isEmpty() ? 200 : statuses.removeFirst();
                notifyAll();
            }
            byte[] answer = (status == 200 ? "ok" : "receiver says no").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    synchronized void failNext(int... codes) {
        for (int c : codes) {
            statuses.addLast(c);
        }
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests to {@code path}. */
    synchronized List<Request> to(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    synchronized void clear() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
