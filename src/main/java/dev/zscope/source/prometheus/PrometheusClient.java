package dev.zscope.source.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Asks a Prometheus server for {@code /api/v1/query_range} and hands the answer to a
 * {@link RangeReader} as it arrives, one series at a time, so memory holds one series, never the
 * whole answer. An answer larger than {@value #MAX_BYTES} bytes is refused.
 */
final class PrometheusClient {

    static final long MAX_BYTES = 512L << 20;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;

    PrometheusClient(HttpClient http, String baseUrl, String username, String password) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A failed query: the message says what went wrong, for the source's health. */
    static final class QueryException extends IOException {
        QueryException(String message) {
            super(message);
        }
    }

    /**
     * Evaluates {@code query} at every {@code stepMillis} from {@code startMillis} to
     * {@code endMillis} (both included) and reads the answer into {@code sink}.
     *
     * @throws QueryException when Prometheus cannot be reached or refuses the query
     */
    void queryRange(String query, long startMillis, long endMillis, long stepMillis, RangeReader.SeriesSink sink)
            throws QueryException, InterruptedException {
        String form = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + seconds(startMillis) + "&end=" + seconds(endMillis) + "&step=" + seconds(stepMillis);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/query_range"))
                .timeout(QUERY_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new QueryException("Prometheus did not answer within " + QUERY_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new QueryException("cannot reach Prometheus (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        try (InputStream body = new CappedStream(response.body(), MAX_BYTES)) {
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw new QueryException("Prometheus refused the credentials (HTTP " + status + ")");
            }
            boolean json = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                    .contains("json");
            if (!json) {
                throw new QueryException("HTTP " + status + " without a JSON answer: is this the base URL of a"
                        + " Prometheus server (without /api/v1)?");
            }
            RangeReader.read(body, status, sink);
        } catch (RangeReader.AnswerException e) {
            throw new QueryException(e.getMessage());
        } catch (IOException e) {
            throw new QueryException("the answer could not be read (" + e.getMessage() + ")");
        }
    }

    /** Prometheus takes seconds with a fraction. */
    static String seconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /** Stops reading at a limit, so a huge answer cannot fill the memory. */
    private static final class CappedStream extends java.io.FilterInputStream {
        private final long limit;
        private long read;

        CappedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new IOException("the answer is larger than " + (limit >> 20) + " MB; narrow the query");
            }
        }
    }
}
