package dev.zscope.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * One source as defined in configuration ({@code zscope.sources.<name>.*}) or by an admin: what to
 * read and how. Built from its fields as text by {@link #of}, the one place they are parsed and
 * checked, whichever way they come in; a bad field is a {@link SourceException} naming it.
 *
 * <p>The password is a secret: {@link #toString()} never shows it, {@link #withoutSecret()} is the
 * copy that may be shown, and {@link #safeUrl()} drops any user information from the URL.
 *
 * @param name     1 to {@value #MAX_NAME} letters, digits, '.', '_', '-' or ':'; the start of a
 *                 Prometheus source's stream names
 * @param type     Prometheus or MQTT
 * @param url      the Prometheus base URL ({@code http://host:9090}) or the broker
 *                 ({@code tcp://host:1883}, {@code ssl://host:8883})
 * @param query    Prometheus: the PromQL query; null for MQTT
 * @param step     Prometheus: the resolution of the points and how often to poll
 * @param lookback Prometheus: how much history a new source reads first
 * @param delay    Prometheus: how old a point must be before it is read, so a scrape under way is not missed
 * @param topic    MQTT: the topic filter; null for Prometheus
 * @param payload  MQTT: a number, or JSON with timestamp and value
 * @param username optional, with {@code password}: HTTP basic authentication, or the MQTT credentials
 * @param password optional; never shown, never logged
 * @param origin   where it is defined
 */
public record SourceDefinition(String name, SourceType type, String url, String query, Duration step,
                               Duration lookback, Duration delay, String topic, PayloadFormat payload,
                               String username, String password, Origin origin) {

    /** Where a source is defined. */
    public enum Origin {
        /** {@code zscope.sources.<name>.*}: changed there, not in the UI. */
        CONFIGURATION,
        /** Added by an admin in the UI; kept in {@code sources.properties} in the data directory. */
        UI
    }

    public static final int MAX_NAME = 64;
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(15);
    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(30);
    /** The fields in configuration, in the order forms show them. */
    public static final java.util.List<String> FIELDS = java.util.List.of("type", "url", "query", "step",
            "lookback", "delay", "topic", "payload", "username", "password");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_NAME + "}");

    public SourceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * A definition from its fields as text (keys as in {@link #FIELDS}; missing or blank means the
     * default, where there is one).
     *
     * @throws SourceException naming the first field that cannot be used
     */
    public static SourceDefinition of(String name, Map<String, String> fields, Origin origin) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SourceException("name", "'" + name + "' is not a source name: use 1 to " + MAX_NAME
                    + " letters, digits, '.', '_', '-' or ':'");
        }
        SourceType type = SourceType.parse(text(fields, "type"));
        String username = text(fields, "username");
        String password = fields.get("password") == null || fields.get("password").isEmpty() ? null : fields.get("password");
        if (password != null && username == null) {
            throw new SourceException("password", "a password needs a username");
        }
        String url = text(fields, "url");
        if (type == SourceType.PROMETHEUS) {
            String query = text(fields, "query");
            if (query == null) {
                throw new SourceException("query", "a Prometheus source needs a PromQL query");
            }
            if (query.length() > 4000) {
                throw new SourceException("query", "longer than 4,000 characters");
            }
            Duration step = duration(fields, "step", DEFAULT_STEP, Duration.ofSeconds(1), Duration.ofHours(1));
            Duration lookback = duration(fields, "lookback", DEFAULT_LOOKBACK, Duration.ZERO, Duration.ofDays(90));
            Duration delay = duration(fields, "delay", DEFAULT_DELAY, Duration.ZERO, Duration.ofHours(1));
            return new SourceDefinition(name, type, httpUrl(url), query, step, lookback, delay, null, null,
                    username, password, origin);
        }
        String topic = text(fields, "topic");
        TopicFilter.validate(topic);
        String payload = text(fields, "payload");
        return new SourceDefinition(name, type, brokerUrl(url), null, null, null, null, topic,
                payload == null ? PayloadFormat.NUMBER : PayloadFormat.parse(payload), username, password, origin);
    }

    /** The fields as text, as {@link #of} reads them; the password only when {@code withSecret}. */
    public Map<String, String> fields(boolean withSecret) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("type", type.label());
        out.put("url", url);
        if (type == SourceType.PROMETHEUS) {
            out.put("query", query);
            out.put("step", step.toString());
            out.put("lookback", lookback.toString());
            out.put("delay", delay.toString());
        } else {
            out.put("topic", topic);
            out.put("payload", payload.label());
        }
        if (username != null) {
            out.put("username", username);
        }
        if (withSecret && password != null) {
            out.put("password", password);
        }
        return out;
    }

    /** This definition without its password, for showing. */
    public SourceDefinition withoutSecret() {
        return new SourceDefinition(name, type, url, query, step, lookback, delay, topic, payload, username, null,
                origin);
    }

    /** Whether it has a password (which is never shown). */
    public boolean hasPassword() {
        return password != null;
    }

    /** The URL without user information, for messages and pages. */
    public String safeUrl() {
        return safeUrl(url);
    }

    /** What it reads, for a page: the query or the topic filter. */
    public String target() {
        return type == SourceType.PROMETHEUS ? query : topic;
    }

    static String safeUrl(String url) {
        try {
            URI u = new URI(url);
            if (u.getUserInfo() == null) {
                return url;
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), null).toString();
        } catch (URISyntaxException e) {
            return "(invalid URL)";
        }
    }

    @Override
    public String toString() {
        return "SourceDefinition[" + name + ", " + type.label() + ", " + safeUrl() + ", " + target()
                + (username == null ? "" : ", user " + username) + (password == null ? "" : ", password ****") + "]";
    }

    private static String text(Map<String, String> fields, String key) {
        String v = fields.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Duration duration(Map<String, String> fields, String key, Duration fallback, Duration min,
                                     Duration max) {
        String text = text(fields, key);
        Duration d;
        try {
            d = text == null ? fallback : DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new SourceException(key, "'" + text + "' is not a duration: write e.g. 15s, 1m or 2h");
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new SourceException(key, human(d) + " is not between " + human(min) + " and " + human(max));
        }
        return d;
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String httpUrl(String url) {
        URI u = uri(url);
        if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
            throw new SourceException("url", "a Prometheus URL starts with http:// or https://");
        }
        String s = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return s;
    }

    private static String brokerUrl(String url) {
        URI u = uri(url);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!java.util.Set.of("tcp", "mqtt", "ssl", "mqtts").contains(scheme)) {
            throw new SourceException("url", "a broker URL starts with tcp://, mqtt://, ssl:// or mqtts://");
        }
        return url;
    }

    private static URI uri(String url) {
        if (url == null) {
            throw new SourceException("url", "missing");
        }
        try {
            URI u = new URI(url);
            if (u.getHost() == null) {
                throw new SourceException("url", "'" + safeUrl(url) + "' names no host");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new SourceException("url", "'" + safeUrl(url) + "' is not a URL");
        }
    }
}
