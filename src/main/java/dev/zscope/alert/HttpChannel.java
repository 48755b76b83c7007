package dev.zscope.alert;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels that post JSON: a webhook (Alertmanager's payload), Slack or Mattermost
 * ({@code {"text": ...}}) and Alertmanager itself ({@code <url>/api/v2/alerts}). A 2xx answer is a
 * delivery; anything else fails with the status and the start of the answer, never the URL's
 * secret parts. Redirects are not followed (a receiver that moved is a configuration error).
 */
final class HttpChannel implements Channel {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChannelSpec spec;
    private final HttpClient client;
    private final Links links;
    private final URI target;

    HttpChannel(ChannelSpec spec, HttpClient client, Links links) {
        this.spec = spec;
        this.client = client;
        this.links = links;
        String url = spec.url();
        if (spec.type() == ChannelType.ALERTMANAGER) {
            url = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/api/v2/alerts";
        }
        this.target = URI.create(url);
    }

    /** The HTTP client all channels share: no redirects, a connect timeout. */
    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(Notice notice) throws DeliveryException {
        byte[] body = switch (spec.type()) {
            case WEBHOOK -> NoticeJson.webhook(notice, links);
            case ALERTMANAGER -> NoticeJson.alertmanager(notice, links);
            case SLACK -> slack(notice);
            case EMAIL -> throw new IllegalStateException("an e-mail channel is not an HTTP channel");
        };
        HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Zscope")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("no answer from " + spec.target() + " within " + TIMEOUT.toSeconds() + " s", true);
        } catch (IOException e) {
            throw new DeliveryException("cannot reach " + spec.target() + ": " + Secrets.scrub(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), spec.url()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted (the server is stopping)", true);
        }
        int status = response.statusCode();
        String start = start(response.body());
        if (status / 100 != 2) {
            boolean retryable = status >= 500 || status == 408 || status == 429;
            throw new DeliveryException("HTTP " + status + " from " + spec.target()
                    + (start.isBlank() ? "" : ": " + Secrets.scrub(start, spec.url())), retryable);
        }
    }

    private byte[] slack(Notice notice) {
        StringBuilder text = new StringBuilder();
        for (Notice.Item item : notice.items()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(NoticeText.line(item, links, notice.test()));
        }
        return JSON.writeValueAsBytes(Map.of("text", text.toString()));
    }

    /** The first 200 characters of an answer, on one line; the rest is read away and dropped. */
    private static String start(InputStream body) {
        try (body) {
            byte[] head = body.readNBytes(200);
            body.skip(1 << 20);
            return new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        } catch (IOException e) {
            return "";
        }
    }
}
