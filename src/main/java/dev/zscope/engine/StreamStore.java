package dev.zscope.engine;

import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import java.util.List;
import java.util.Map;

/**
 * Where the stream registry lives between runs: every stream's name, whether it is archived, the
 * detector of its own (if any), when it was created, its counters and its last point, and each
 * detector's saved state. {@link JdbcStreamStore} keeps it in the database; {@link #NONE} keeps
 * nothing (tools and tests that run an engine for one process only).
 */
public interface StreamStore {

    /** One stream as stored. */
    record Stored(String name, boolean archived, DetectorChoice ownDetector, StreamHints hints, long createdMillis,
                  long points, long lastPointMillis, double lastValue) {
    }

    /** A detector state to keep, with the counters it goes with. */
    record Snapshot(String name, byte[] state, long points, long lastPointMillis, double lastValue) {
    }

    /** Every stored stream, oldest first; a detector choice that is no longer valid is dropped with a warning. */
    List<Stored> loadAll();

    /** Saved detector states by stream. */
    Map<String, byte[]> loadStates();

    void insert(String name, long createdMillis);

    void rename(String from, String to);

    void archive(String name, boolean archived);

    /** Forgets the stream and its state. */
    void delete(String name);

    /** Gives the stream a detector of its own, or with {@code null} returns it to the default. */
    void ownDetector(String name, DetectorChoice choice);

    /** Keeps the stream's hints ({@link StreamHints#none()} forgets them). */
    void hints(String name, StreamHints hints);

    /** Keeps these states and counters (replacing earlier ones); a null state forgets the stream's. */
    void saveStates(List<Snapshot> snapshots);

    StreamStore NONE = new StreamStore() {
        @Override
        public List<Stored> loadAll() {
            return List.of();
        }

        @Override
        public Map<String, byte[]> loadStates() {
            return Map.of();
        }

        @Override
        public void insert(String name, long createdMillis) {
        }

        @Override
        public void rename(String from, String to) {
        }

        @Override
        public void archive(String name, boolean archived) {
        }

        @Override
        public void delete(String name) {
        }

        @Override
        public void ownDetector(String name, DetectorChoice choice) {
        }

        @Override
        public void hints(String name, StreamHints hints) {
        }

        @Override
        public void saveStates(List<Snapshot> snapshots) {
        }
    };
}
