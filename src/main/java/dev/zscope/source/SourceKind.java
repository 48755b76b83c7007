package dev.zscope.source;

/**
 * A kind of source (Prometheus, MQTT): makes a runner for a definition of its type. Each kind is a
 * bean in its own package, found by {@link SourceService}, so this package needs none of them.
 */
public interface SourceKind {

    SourceType type();

    SourceRunner create(SourceDefinition definition);
}
