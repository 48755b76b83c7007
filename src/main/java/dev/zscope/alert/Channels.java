package dev.zscope.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Every channel, from configuration (read-only) and from the UI ({@link ChannelFile}), with the
 * object that delivers for each and how each is doing. Thread-safe: the evaluator reads, admins
 * change, views show.
 */
final class Channels {

    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private final AlertProperties properties;
    private final Links links;
    private final JavaMailSender mail;
    private final String mailFrom;
    private final HttpClient http;
    private final ChannelFile file;
    private volatile Map<String, ChannelSpec> specs = Map.of();
    private volatile Map<String, Channel> channels = Map.of();
    private final Map<String, ChannelHealth> health = new ConcurrentHashMap<>();

    /** @param mail null without an SMTP server */
    Channels(AlertProperties properties, Links links, JavaMailSender mail, String mailFrom, HttpClient http) {
        this.properties = properties;
        this.links = links;
        this.mail = mail;
        this.mailFrom = mailFrom;
        this.http = http;
        this.file = new ChannelFile(properties.dataDirectory());
        Map<String, ChannelSpec> all = new LinkedHashMap<>();
        properties.channels().forEach((name, c) -> all.put(name, ChannelSpec.of(name, c, properties)));
        List<String> problems = new ArrayList<>();
        try {
            for (ChannelSpec s : file.read(properties, problems)) {
                if (all.containsKey(s.name())) {
                    problems.add(ChannelFile.NAME + ": channel " + s.name() + " is skipped: configuration has one"
                            + " of that name");
                } else {
                    all.put(s.name(), s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.file(), e);
        }
        problems.forEach(log::warn);
        install(all);
        for (ChannelSpec s : all.values()) {
            String why = channels.get(s.name()).unavailable();
            log.info("Alert channel {} ({}, {}){}", s.name(), s.type().label(), s.configured() ? "configured" : "from the UI",
                    why == null ? "" : ": unavailable, " + why);
        }
    }

    private void install(Map<String, ChannelSpec> all) {
        Map<String, Channel> built = new LinkedHashMap<>();
        for (ChannelSpec s : all.values()) {
            Channel c = s.type() == ChannelType.EMAIL ? new MailChannel(s, mail, links, mailFrom)
                    : new HttpChannel(s, http, links);
            built.put(s.name(), c);
            health.compute(s.name(), (k, h) -> (h == null ? ChannelHealth.NEW : h).unavailable(c.unavailable()));
        }
        health.keySet().retainAll(all.keySet());
        specs = Map.copyOf(all);
        channels = Map.copyOf(built);
    }

    /** Every channel, configured ones first, then by name. */
    List<ChannelSpec> specs() {
        List<ChannelSpec> out = new ArrayList<>(specs.values());
        out.sort((a, b) -> a.configured() != b.configured() ? (a.configured() ? -1 : 1) : a.name().compareTo(b.name()));
        return out;
    }

    Channel channel(String name) {
        return channels.get(name);
    }

    ChannelHealth health(String name) {
        return health.getOrDefault(name, ChannelHealth.NEW);
    }

    void succeeded(String name, Instant at) {
        health.computeIfPresent(name, (k, h) -> h.succeeded(at));
    }

    void failed(String name, String error, Instant at) {
        health.computeIfPresent(name, (k, h) -> h.failed(error, at));
    }

    /** Adds or replaces a channel made in the UI and keeps it in the file. */
    synchronized void save(ChannelSpec spec) throws IOException {
        ChannelSpec existing = specs.get(spec.name());
        if (existing != null && existing.configured()) {
            throw new IllegalArgumentException("channel " + spec.name() + " comes from configuration; change it there");
        }
        if (spec.configured()) {
            throw new IllegalArgumentException("only channels made in the UI can be saved");
        }
        Map<String, ChannelSpec> next = new LinkedHashMap<>(specs);
        next.put(spec.name(), spec);
        file.write(next.values().stream().filter(s -> !s.configured()).toList());
        install(next);
        log.info("Alert channel {} saved ({}, {})", spec.name(), spec.type().label(), spec.target());
    }

    /** Removes a channel made in the UI. */
    synchronized void delete(String name) throws IOException {
        ChannelSpec existing = specs.get(name);
        if (existing == null) {
            throw new IllegalArgumentException("there is no channel " + name);
        }
        if (existing.configured()) {
            throw new IllegalArgumentException("channel " + name + " comes from configuration; remove it there");
        }
        Map<String, ChannelSpec> next = new LinkedHashMap<>(specs);
        next.remove(name);
        file.write(next.values().stream().filter(s -> !s.configured()).toList());
        install(next);
        log.info("Alert channel {} removed", name);
    }

    AlertProperties properties() {
        return properties;
    }
}
