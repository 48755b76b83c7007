package dev.zscope.cluster;

import java.util.List;

/**
 * The names of a cluster's topics, each behind the prefix: {@code points} (keyed by stream; what is
 * judged), {@code anomalies} and {@code verdicts} (what detection found; same key and partition as
 * the points), and the compacted {@code settings} (co-partitioned with the points, so changes apply
 * in order with them), {@code streams} (the registry) and {@code tokens}.
 */
public record ClusterTopics(String prefix) {

    public String points() {
        return prefix + "points";
    }

    public String anomalies() {
        return prefix + "anomalies";
    }

    public String verdicts() {
        return prefix + "verdicts";
    }

    public String settings() {
        return prefix + "settings";
    }

    public String streams() {
        return prefix + "streams";
    }

    public String tokens() {
        return prefix + "tokens";
    }

    /** The Kafka Streams application id of the detectors (also the prefix of their internal topics). */
    public String detectorApplicationId() {
        return prefix + "detector";
    }

    /** The consumer group in which web nodes share alert evaluation (one owner per partition). */
    public String alertsGroup() {
        return prefix + "alerts";
    }

    /** The topics that must have the same number of partitions, since they share keys and partitions. */
    List<String> partitioned() {
        return List.of(points(), anomalies(), verdicts(), settings());
    }
}
