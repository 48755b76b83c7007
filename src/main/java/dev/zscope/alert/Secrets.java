package dev.zscope.alert;

import java.net.URI;

/**
 * Keeps secrets out of logs and screens. A channel's URL may carry a token (a Slack webhook's path
 * is its secret, a receiver may take {@code ?token=}); only its scheme, host and port are ever
 * shown or logged.
 */
public final class Secrets {

    private Secrets() {
    }

    /** "https://hooks.slack.com/…" for any URL with more than scheme, host and port; "" for none. */
    public static String redactUrl(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return "(an invalid URL)";
            }
            String base = u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
            boolean more = (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                    || u.getRawQuery() != null || u.getRawUserInfo() != null || u.getRawFragment() != null;
            return more ? base + "/…" : base;
        } catch (IllegalArgumentException e) {
            return "(an invalid URL)";
        }
    }

    /**
     * A message about a failure that may quote the URL (exception texts do): every occurrence of the
     * full URL is replaced by its redacted form.
     */
    public static String scrub(String message, String url) {
        if (message == null) {
            return "";
        }
        String out = message;
        if (url != null && !url.isBlank()) {
            out = out.replace(url.strip(), redactUrl(url));
            try {
                URI u = URI.create(url.strip());
                for (String part : new String[] {u.getRawPath(), u.getRawQuery(), u.getRawUserInfo()}) {
                    if (part != null && part.length() > 1) {
                        out = out.replace(part, "…");
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // nothing more to take out of a URL that does not parse
            }
        }
        return out.length() <= 300 ? out : out.substring(0, 300) + "…";
    }
}
