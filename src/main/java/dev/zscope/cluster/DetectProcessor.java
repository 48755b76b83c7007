package dev.zscope.cluster;

import dev.zscope.detection.Detector;
import dev.zscope.detection.Verdict;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.Judged;
import dev.zscope.engine.StreamNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection in cluster mode: judges each point of its partition with its stream's detector, the
 * same {@link Detector} as in single-server mode, in the order of the partition, and applies the
 * settings records of the co-partitioned {@code settings} topic in order with the points. Sends each
 * anomaly on (with its {@link AnomalyId}) and the verdicts, thinned, for the charts.
 *
 * <p>A point older than its stream's latest is dropped (two servers sent one stream's points at once,
 * see src/docs/cluster.md); a point that is not readable is skipped. Both are logged, never fatal: a
 * bad record must not stop a partition.
 */
final class DetectProcessor implements Processor<String, byte[], String, byte[]> {

    static final String ANOMALIES = "anomalies-out";
    static final String VERDICTS = "verdicts-out";
    private static final Logger log = LoggerFactory.getLogger(DetectProcessor.class);
    private static final long WARN_EVERY_MILLIS = 10_000;

    private final String settingsTopic;
    private final String storeName;
    private final long verdictIntervalMillis;
    private final Verdict verdict = new Verdict();
    private ProcessorContext<String, byte[]> context;
    private DetectorStore store;
    private long dropped;
    private long lastWarning;

    DetectProcessor(String settingsTopic, String storeName, long verdictIntervalMillis) {
        this.settingsTopic = settingsTopic;
        this.storeName = storeName;
        this.verdictIntervalMillis = verdictIntervalMillis;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        if (meta.topic().equals(settingsTopic)) {
            settings(record);
        } else {
            points(record, meta.partition(), meta.offset());
        }
    }

    private void points(Record<String, byte[]> record, int partition, long offset) {
        String stream = record.key();
        PointChunk chunk;
        try {
            if (stream == null || !StreamNames.isValid(stream)) {
                throw new IllegalArgumentException("invalid stream name");
            }
            chunk = PointChunk.decode(record.value());
        } catch (IllegalArgumentException e) {
            warn("Skipped the unreadable points record at partition {} offset {}: {}", partition, offset,
                    e.getMessage());
            return;
        }
        StreamSlot slot = store.slotOrNew(stream);
        Detector detector = slot.detectorFor(slot.own != null ? slot.own : store.defaults(), stream);
        for (int i = 0; i < chunk.size(); i++) {
            long t = chunk.times()[i];
            if (t < slot.lastPointMillis) {
                dropped++;
                warn("Dropped a point of stream '{}' older than its latest ({} < {}; {} dropped so far)", stream, t,
                        slot.lastPointMillis, dropped);
                continue;
            }
            judge(detector, t, chunk.values()[i], stream);
            slot.lastPointMillis = t;
            boolean anomaly = !chunk.backfill() && verdict.anomaly();
            if (!chunk.backfill()) {
                slot.points++;
            }
            if (anomaly) {
                byte[] out = new AnomalyRecord(new AnomalyId(partition, offset, i), Anomaly.of(stream, t, verdict))
                        .encode();
                context.forward(record.withValue(out), ANOMALIES);
            }
            if (anomaly || verdictIntervalMillis <= 0 || slot.lastVerdictMillis == Long.MIN_VALUE
                    || t - slot.lastVerdictMillis >= verdictIntervalMillis || verdict.learning() != slot.lastLearning) {
                slot.lastVerdictMillis = t;
                slot.lastLearning = verdict.learning();
                Judged j = new Judged(t, verdict.value(), verdict.expected(), verdict.lower(), verdict.upper(),
                        verdict.score(), anomaly, chunk.injected(i), verdict.learning(), chunk.backfill(), slot.points,
                        detector.seen(), verdict.warmup(), detector.skipped());
                context.forward(record.withValue(VerdictRecord.encode(j)), VERDICTS);
            }
        }
        store.changed(stream);
    }

    /** As the engine judges a point: a detector that fails leaves the point unjudged, and goes on. */
    private void judge(Detector d, long t, double value, String stream) {
        try {
            d.update(t, value, verdict);
        } catch (RuntimeException e) {
            log.error("Detector {} failed on stream {} at {} value {}; point not judged", d.name(), stream, t, value, e);
            verdict.missing(d.name(), value, Double.NaN);
        }
    }

    private void settings(Record<String, byte[]> record) {
        String key = record.key();
        try {
            if (SettingsRecord.DEFAULTS.equals(key)) {
                if (record.value() != null && store.publishDefaults(record.value())) {
                    log.info("Default detector from the next point on: {}", store.defaults());
                }
            } else if (key != null && StreamNames.isValid(key)) {
                if (record.value() == null) {
                    store.forget(key);
                } else {
                    StreamSlot slot = store.slotOrNew(key);
                    slot.own = SettingsRecord.decodeChoice(record.value());
                    store.changed(key);
                }
            }
        } catch (IllegalArgumentException e) {
            warn("Ignored the unusable settings record for '{}': {}", key, e.getMessage());
        }
    }

    /** Logs at most one warning per {@value #WARN_EVERY_MILLIS} ms, so bad input cannot flood the log. */
    private void warn(String message, Object... args) {
        long now = System.currentTimeMillis();
        if (now - lastWarning >= WARN_EVERY_MILLIS) {
            lastWarning = now;
            log.warn(message, args);
        }
    }
}
