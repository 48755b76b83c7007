package dev.zscope.alert;

import java.util.Locale;

/** Where a channel delivers, as configuration names it ({@code zscope.alerts.channels.<name>.type}). */
public enum ChannelType {

    /** Alertmanager's webhook payload (version 4), to any URL. */
    WEBHOOK,

    /** A Slack or Mattermost incoming webhook: {@code {"text": ...}}. */
    SLACK,

    /** E-mail through {@code spring.mail.*}. */
    EMAIL,

    /** A Prometheus Alertmanager: alerts posted to {@code <url>/api/v2/alerts}. */
    ALERTMANAGER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the channel posts to a URL (all but e-mail). */
    public boolean usesUrl() {
        return this != EMAIL;
    }

    public static ChannelType parse(String label) {
        try {
            return valueOf(label.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("a channel's type is webhook, slack, email or alertmanager");
        }
    }
}
