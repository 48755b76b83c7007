package dev.zscope.cluster;

/** What a server of a cluster does ({@code zscope.cluster.role}). */
public enum ClusterRole {
    /** UI, API, consumers and detection in one process: the default. */
    ALL,
    /** UI, API and consumers; points are judged by detector nodes. */
    WEB,
    /** Detection only (Kafka Streams), no web server, no database. */
    DETECTOR;

    boolean detects() {
        return this != WEB;
    }
}
