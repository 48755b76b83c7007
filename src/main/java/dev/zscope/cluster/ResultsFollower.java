package dev.zscope.cluster;

import dev.zscope.anomaly.AnomalyService;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.Judged;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * What detection found, into this web node: the {@code anomalies} topic into the node's own store,
 * CSV log and push feed, the {@code verdicts} topic into its engine's history (charts, statuses).
 * Every web node does this for all partitions, in a consumer group of its own, so the nodes are
 * alike and any of them can fail.
 *
 * <p><b>Each anomaly kept once.</b> Reads are {@code read_committed}, so only what detection
 * committed arrives. How far each anomalies partition has been kept is moved in the same database
 * transaction as the anomalies ({@link AnomalyService#record(List, Map)}), and a start reads on from
 * exactly there (from the beginning on a node's first start). The one case the marks cannot tell —
 * a crash after the CSV log was written but before the database committed, whose lines the next start
 * imports from the log — is covered by dropping, once each, the anomalies that start recovered from
 * the log ({@link AnomalyService#recoveredAtStart}) when they arrive again. Anomaly ids only grow
 * within a partition, so a record read twice by a reader that retried is dropped as well.
 *
 * <p>The store's answer is awaited before reading on; while the store fails, the same group is
 * offered again every two seconds and nothing newer is read, so nothing is lost or reordered.
 */
final class ResultsFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ResultsFollower.class);
    /** How much chart history a restarted node reads back from the verdicts. */
    static final Duration VERDICT_REPLAY = Duration.ofMinutes(5);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final long WARN_EVERY_MILLIS = 10_000;

    private final ClusterProperties properties;
    private final String groupId;
    private final DetectionEngine engine;
    private final AnomalyService store;
    private final Clock clock;
    private final Map<Anomaly, Integer> recovered = new HashMap<>();
    private final Map<Integer, AnomalyId> newest = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile boolean running;
    private long lastWarning;

    ResultsFollower(ClusterProperties properties, String nodeId, DetectionEngine engine, AnomalyService store,
                    Clock clock) {
        this.properties = properties;
        this.groupId = properties.topicPrefix() + "web-" + nodeId;
        this.engine = engine;
        this.store = store;
        this.clock = clock;
    }

    static String source(TopicPartition p) {
        return "kafka:" + p.topic() + ":" + p.partition();
    }

    @Override
    public synchronized void start() {
        ClusterTopics topics = properties.topics();
        consumer = new KafkaConsumer<>(ClientConfigs.consumer(properties, groupId, groupId));
        List<TopicPartition> anomalies = partitions(topics.anomalies());
        List<TopicPartition> verdicts = partitions(topics.verdicts());
        List<TopicPartition> all = new ArrayList<>(anomalies);
        all.addAll(verdicts);
        consumer.assign(all);
        Map<String, Long> marks = store.sourceMarks();
        int resumed = 0;
        for (TopicPartition p : anomalies) {
            Long mark = marks.get(source(p));
            if (mark == null) {
                consumer.seekToBeginning(List.of(p));
            } else {
                consumer.seek(p, mark);
                resumed++;
            }
        }
        Map<TopicPartition, Long> since = new HashMap<>();
        verdicts.forEach(p -> since.put(p, clock.millis() - VERDICT_REPLAY.toMillis()));
        Map<TopicPartition, OffsetAndTimestamp> at = consumer.offsetsForTimes(since, Duration.ofSeconds(30));
        for (TopicPartition p : verdicts) {
            OffsetAndTimestamp o = at.get(p);
            if (o == null) {
                consumer.seekToEnd(List.of(p));
            } else {
                consumer.seek(p, o.offset());
            }
        }
        store.recoveredAtStart().forEach(a -> recovered.merge(a, 1, Integer::sum));
        log.info("Reading detection's results as consumer group {}: anomalies from {} ({} recovered from the log"
                + " at this start), verdicts of the last {}", groupId, resumed == 0 ? "the beginning"
                : "where this node stopped", recovered.size(), VERDICT_REPLAY);
        running = true;
        thread = Thread.ofPlatform().name("zscope-results").start(this::run);
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private void run() {
        String anomaliesTopic = properties.topics().anomalies();
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<Anomaly> found = new ArrayList<>();
                Map<String, Long> marks = new LinkedHashMap<>();
                List<ConsumerRecord<String, byte[]>> verdicts = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.topic().equals(anomaliesTopic)) {
                        marks.put(source(new TopicPartition(r.topic(), r.partition())), r.offset() + 1);
                        Anomaly a = anomaly(r);
                        if (a != null) {
                            found.add(a);
                        }
                    } else {
                        verdicts.add(r);
                    }
                }
                if (!marks.isEmpty() && !keep(found, marks)) {
                    return; // closing
                }
                engine.announce(found);
                verdicts.forEach(this::judged);
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                records.partitions().forEach(p -> positions.put(p, new OffsetAndMetadata(
                        records.records(p).getLast().offset() + 1)));
                consumer.commitAsync(positions, null); // for lag monitoring; the store's marks decide
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Reading detection's results failed; this node shows no new anomalies until it restarts", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The record's anomaly, or null when it is unreadable or this node already has it. */
    private Anomaly anomaly(ConsumerRecord<String, byte[]> r) {
        AnomalyRecord record;
        try {
            record = AnomalyRecord.decode(r.key(), r.value());
        } catch (IllegalArgumentException e) {
            warn("Skipped an unreadable anomaly record (partition {}, offset {}): {}", r.partition(), r.offset(),
                    e.getMessage());
            return null;
        }
        AnomalyId last = newest.get(r.partition());
        if (last != null && record.id().compareTo(last) <= 0) {
            return null; // read again: it is kept already
        }
        newest.put(r.partition(), record.id());
        Integer copies = recovered.isEmpty() ? null : recovered.get(record.anomaly());
        if (copies != null) {
            if (copies == 1) {
                recovered.remove(record.anomaly());
            } else {
                recovered.put(record.anomaly(), copies - 1);
            }
            return null; // the log had it; this start imported it
        }
        return record.anomaly();
    }

    /** Keeps the group with its marks, offering it again while the store fails; false when closing. */
    private boolean keep(List<Anomaly> found, Map<String, Long> marks) {
        while (running) {
            try {
                store.record(found, marks).get(60, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException | TimeoutException e) {
                warn("Cannot keep {} anomalies from the cluster ({}); trying again in {} s", found.size(),
                        e instanceof ExecutionException ? e.getCause().getMessage() : "timed out", RETRY.toSeconds());
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void judged(ConsumerRecord<String, byte[]> r) {
        try {
            Judged j = VerdictRecord.decode(r.value());
            engine.judged(r.key(), j);
        } catch (RuntimeException e) {
            warn("Skipped a verdict of stream '{}' (partition {}, offset {}): {}", r.key(), r.partition(), r.offset(),
                    e.getMessage());
        }
    }

    private void warn(String message, Object... args) {
        long now = System.currentTimeMillis();
        if (now - lastWarning >= WARN_EVERY_MILLIS) {
            lastWarning = now;
            log.warn(message, args);
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
