package dev.zscope.alert;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One channel as the evaluator uses it, from configuration or made in the UI, validated.
 * {@link #toString()} leaves the URL out: it may carry a token.
 *
 * @param name           its name, unique
 * @param type           where it delivers
 * @param url            webhook, slack: the URL posted to; alertmanager: Alertmanager's base URL
 * @param to             e-mail recipients
 * @param from           e-mail sender, or null
 * @param sendResolved   whether resolved alerts are notified
 * @param groupWait      wait before a new group's first notification
 * @param groupInterval  least time between two notifications of a group
 * @param repeatInterval how often an unacknowledged firing alert is notified again
 * @param configured     from configuration (read-only in the UI) rather than made in the UI
 */
public record ChannelSpec(String name, ChannelType type, String url, List<String> to, String from,
                          boolean sendResolved, Duration groupWait, Duration groupInterval, Duration repeatInterval,
                          boolean configured) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>]{1,64}@[^@\\s,<>]{1,255}");

    /** How often an Alertmanager channel posts its firing alerts again: Alertmanager forgets silent ones. */
    public static final Duration ALERTMANAGER_RESEND = Duration.ofMinutes(1);

    public ChannelSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a channel's name has 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (type == null) {
            throw new IllegalArgumentException("channel " + name + ": a channel's type is webhook, slack, email"
                    + " or alertmanager");
        }
        to = to == null ? List.of() : to.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        from = from == null || from.isBlank() ? null : from.strip();
        url = url == null || url.isBlank() ? null : url.strip();
        if (type.usesUrl()) {
            checkUrl(name, url);
        } else {
            if (to.isEmpty() || to.size() > 50) {
                throw new IllegalArgumentException("channel " + name + ": an e-mail channel needs 1 to 50"
                        + " recipients (to)");
            }
            for (String address : to) {
                if (!ADDRESS.matcher(address).matches()) {
                    throw new IllegalArgumentException("channel " + name + ": '" + address
                            + "' is not an e-mail address");
                }
            }
            if (from != null && !ADDRESS.matcher(from).matches()) {
                throw new IllegalArgumentException("channel " + name + ": the sender '" + from
                        + "' is not an e-mail address");
            }
        }
        for (Duration d : new Duration[] {groupWait, groupInterval, repeatInterval}) {
            if (d == null || d.isNegative() || d.compareTo(Duration.ofDays(30)) > 0) {
                throw new IllegalArgumentException("channel " + name + ": timers must be between 0 and 30 days");
            }
        }
        if (repeatInterval.isZero()) {
            throw new IllegalArgumentException("channel " + name + ": the repeat interval must be greater than 0");
        }
    }

    /**
     * An http(s) URL with a host. Loopback and private addresses are allowed on purpose: self-hosted
     * receivers live there, and only admins and configuration define channels.
     */
    private static void checkUrl(String name, String url) {
        if (url == null) {
            throw new IllegalArgumentException("channel " + name + ": a URL is required");
        }
        if (url.length() > 2000) {
            throw new IllegalArgumentException("channel " + name + ": the URL is longer than 2,000 characters");
        }
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel " + name + ": the URL is not valid");
        }
        if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
                || u.getHost() == null) {
            throw new IllegalArgumentException("channel " + name + ": the URL must be http:// or https:// with a host");
        }
    }

    /** From configuration, with the defaults of {@code properties} for what it leaves unset. */
    static ChannelSpec of(String name, AlertProperties.ChannelConfig c, AlertProperties defaults) {
        boolean am = c.type() == ChannelType.ALERTMANAGER;
        return new ChannelSpec(name, c.type(), c.url(), c.to(), c.from(),
                c.sendResolved() != null ? c.sendResolved() : true,
                c.groupWait() != null ? c.groupWait() : am ? Duration.ZERO : defaults.groupWait(),
                c.groupInterval() != null ? c.groupInterval() : am ? Duration.ZERO : defaults.groupInterval(),
                c.repeatInterval() != null ? c.repeatInterval() : am ? ALERTMANAGER_RESEND : defaults.repeatInterval(),
                true);
    }

    /** Where it delivers, fit to show: the redacted URL or the recipients. */
    public String target() {
        return type.usesUrl() ? Secrets.redactUrl(url) : String.join(", ", to);
    }

    @Override
    public String toString() {
        return "ChannelSpec[name=" + name + ", type=" + type.label() + ", target=" + target() + "]";
    }
}
