package dev.zscope.source;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link SourceCursors} in memory, for tests without a database. */
public class MemoryCursors extends SourceCursors {

    private final Map<String, String> fingerprints = new HashMap<>();
    private final Map<String, Instant> marks = new HashMap<>();

    public MemoryCursors() {
        super(null);
    }

    @Override
    public synchronized Optional<Instant> load(String source, String fingerprint) {
        return fingerprint.equals(fingerprints.get(source)) ? Optional.of(marks.get(source)) : Optional.empty();
    }

    @Override
    public synchronized void save(String source, String fingerprint, Instant polledTo) {
        fingerprints.put(source, fingerprint);
        marks.put(source, polledTo);
    }

    @Override
    public synchronized void delete(String source) {
        fingerprints.remove(source);
        marks.remove(source);
    }
}
