package dev.zscope.source;

import dev.zscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The sources feature's public face: the sources defined in configuration and those admins add in
 * the UI, each run by a {@link SourceRunner} of its kind, and how each is doing.
 *
 * <p>Sources start once the application has started (the last lifecycle phase) and stop first when
 * it stops, before the engine saves its states. A source's failures (an unreachable server, a bad
 * query, a refused payload) are its own: they show on it and never stop another source. Adding,
 * changing and removing sources takes an admin (method security); configuration sources are changed
 * in configuration only. At most {@value #MAX_SOURCES} sources.
 */
@Service
@EnableConfigurationProperties(SourcesProperties.class)
public class SourceService implements SmartLifecycle {

    public static final int MAX_SOURCES = 100;
    private static final Logger log = LoggerFactory.getLogger(SourceService.class);

    private final Map<SourceType, SourceKind> kinds = new EnumMap<>(SourceType.class);
    private final SourceFile file;
    private final SourceCursors cursors;
    /** Every source by name, configuration first; guarded by this. */
    private final Map<String, SourceDefinition> definitions = new TreeMap<>();
    private final Map<String, SourceRunner> runners = new LinkedHashMap<>();
    private boolean running;

    public SourceService(SourcesProperties properties, List<SourceKind> kinds, SourceCursors cursors) {
        kinds.forEach(k -> this.kinds.put(k.type(), k));
        this.cursors = cursors;
        this.file = new SourceFile(properties.dataDir());
        properties.sources().forEach((name, fields) -> {
            try {
                definitions.put(name, SourceDefinition.of(name, fields.asMap(), SourceDefinition.Origin.CONFIGURATION));
            } catch (SourceException e) {
                throw new IllegalStateException("zscope.sources." + name + "." + e.field() + ": "
                        + e.getMessage().substring(e.field().length() + 2), e);
            }
        });
        for (SourceDefinition d : file.load()) {
            if (definitions.containsKey(d.name())) {
                log.warn("Source '{}' is defined in configuration and in the UI; the configuration's is used", d.name());
            } else {
                definitions.put(d.name(), d);
            }
        }
        if (definitions.size() > MAX_SOURCES) {
            throw new IllegalStateException(definitions.size() + " sources are defined; at most " + MAX_SOURCES
                    + " are allowed");
        }
    }

    /** Every source, by name, without passwords. */
    public synchronized List<SourceDefinition> definitions() {
        return definitions.values().stream().map(SourceDefinition::withoutSecret).toList();
    }

    /** One source without its password. */
    public synchronized Optional<SourceDefinition> definition(String name) {
        return Optional.ofNullable(definitions.get(name)).map(SourceDefinition::withoutSecret);
    }

    /** How every source is doing, by name. */
    public List<SourceHealth> health() {
        List<SourceRunner> running;
        List<String> names;
        synchronized (this) {
            running = new ArrayList<>(runners.values());
            names = new ArrayList<>(definitions.keySet());
        }
        Map<String, SourceHealth> out = new TreeMap<>();
        names.forEach(n -> out.put(n, new SourceHealth(n, SourceHealth.State.STOPPED, null, null, null, null, 0, 0, 0)));
        running.forEach(r -> {
            SourceHealth h = r.health();
            out.put(h.name(), h);
        });
        return List.copyOf(out.values());
    }

    public Optional<SourceHealth> health(String name) {
        return health().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /**
     * Adds a source, or replaces one added in the UI, and (re)starts it. For a source that exists,
     * an empty password keeps the one it has.
     *
     * @throws SourceException naming the field at fault, or the name when it is taken by a
     *     configuration source or there are {@value #MAX_SOURCES} already
     */
    @RolesAllowed(Roles.ADMIN)
    public synchronized SourceDefinition save(String name, Map<String, String> fields, boolean adding) {
        SourceDefinition old = definitions.get(name);
        if (adding && old != null) {
            throw new SourceException("name", "a source called '" + name + "' exists already");
        }
        if (old != null && old.origin() == SourceDefinition.Origin.CONFIGURATION) {
            throw new SourceException("name", "'" + name + "' is defined in configuration; change it there");
        }
        if (old == null && definitions.size() >= MAX_SOURCES) {
            throw new SourceException("name", "there are " + MAX_SOURCES + " sources already, the most allowed");
        }
        Map<String, String> f = new LinkedHashMap<>(fields);
        if (old != null && old.password() != null && (f.get("password") == null || f.get("password").isEmpty())
                && f.get("username") != null && !f.get("username").isBlank()) {
            f.put("password", old.password());
        }
        SourceDefinition next = SourceDefinition.of(name, f, SourceDefinition.Origin.UI);
        kind(next.type()); // a kind this build has
        definitions.put(name, next);
        try {
            persist();
        } catch (RuntimeException e) {
            if (old == null) {
                definitions.remove(name);
            } else {
                definitions.put(name, old);
            }
            throw e;
        }
        restart(name);
        log.info("Source '{}' {} by an admin: {}", name, old == null ? "added" : "changed", next);
        return next.withoutSecret();
    }

    /** Stops and forgets a source added in the UI; its streams and anomalies stay. */
    @RolesAllowed(Roles.ADMIN)
    public synchronized void delete(String name) {
        SourceDefinition old = definitions.get(name);
        if (old == null) {
            throw new SourceException("name", "there is no source called '" + name + "'");
        }
        if (old.origin() == SourceDefinition.Origin.CONFIGURATION) {
            throw new SourceException("name", "'" + name + "' is defined in configuration; remove it there");
        }
        definitions.remove(name);
        try {
            persist();
        } catch (RuntimeException e) {
            definitions.put(name, old);
            throw e;
        }
        SourceRunner r = runners.remove(name);
        if (r != null) {
            r.stop();
        }
        cursors.delete(name);
        log.info("Source '{}' removed by an admin; its streams stay", name);
    }

    private void persist() {
        file.save(definitions.values().stream().filter(d -> d.origin() == SourceDefinition.Origin.UI)
                .sorted(Comparator.comparing(SourceDefinition::name)).toList());
    }

    private void restart(String name) {
        SourceRunner r = runners.remove(name);
        if (r != null) {
            r.stop();
        }
        if (running) {
            startOne(definitions.get(name));
        }
    }

    private void startOne(SourceDefinition d) {
        try {
            SourceRunner r = kind(d.type()).create(d);
            runners.put(d.name(), r);
            r.start();
            log.info("Source '{}' started: {}", d.name(), d);
        } catch (RuntimeException e) {
            log.error("Source '{}' could not be started: {}", d.name(), e.getMessage(), e);
        }
    }

    private SourceKind kind(SourceType type) {
        SourceKind k = kinds.get(type);
        if (k == null) {
            throw new SourceException("type", type.label() + " sources are not available in this build");
        }
        return k;
    }

    @Override
    public synchronized void start() {
        running = true;
        definitions.values().forEach(this::startOne);
    }

    @Override
    public void stop() {
        List<SourceRunner> all;
        synchronized (this) {
            running = false;
            all = new ArrayList<>(runners.values());
            runners.clear();
        }
        all.forEach(SourceRunner::stop);
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
