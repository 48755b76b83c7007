package dev.zscope.engine;

import dev.zscope.detection.StreamHints;
import dev.zscope.detection.catalog.DetectorChoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link StreamStore} in memory, standing in for the database across an engine "restart" in tests. */
public final class MemoryStreamStore implements StreamStore {

    private final Map<String, Stored> streams = new LinkedHashMap<>();
    private final Map<String, byte[]> states = new HashMap<>();

    @Override
    public synchronized List<Stored> loadAll() {
        return new ArrayList<>(streams.values());
    }

    @Override
    public synchronized Map<String, byte[]> loadStates() {
        return new HashMap<>(states);
    }

    @Override
    public synchronized void insert(String name, long createdMillis) {
        streams.put(name, new Stored(name, false, null, StreamHints.none(), createdMillis, 0, 0, Double.NaN));
    }

    @Override
    public synchronized void rename(String from, String to) {
        Stored s = streams.remove(from);
        streams.put(to, new Stored(to, s.archived(), s.ownDetector(), s.hints(), s.createdMillis(), s.points(),
                s.lastPointMillis(), s.lastValue()));
        byte[] state = states.remove(from);
        if (state != null) {
            states.put(to, state);
        }
    }

    @Override
    public synchronized void archive(String name, boolean archived) {
        Stored s = streams.get(name);
        streams.put(name, new Stored(name, archived, s.ownDetector(), s.hints(), s.createdMillis(), s.points(),
                s.lastPointMillis(), s.lastValue()));
    }

    @Override
    public synchronized void delete(String name) {
        streams.remove(name);
        states.remove(name);
    }

    @Override
    public synchronized void ownDetector(String name, DetectorChoice choice) {
        Stored s = streams.get(name);
        streams.put(name, new Stored(name, s.archived(), choice, s.hints(), s.createdMillis(), s.points(),
                s.lastPointMillis(), s.lastValue()));
    }

    @Override
    public synchronized void hints(String name, StreamHints hints) {
        Stored s = streams.get(name);
        streams.put(name, new Stored(name, s.archived(), s.ownDetector(), hints, s.createdMillis(), s.points(),
                s.lastPointMillis(), s.lastValue()));
    }

    @Override
    public synchronized void saveStates(List<Snapshot> snapshots) {
        for (Snapshot n : snapshots) {
            Stored s = streams.get(n.name());
            streams.put(n.name(), new Stored(n.name(), s.archived(), s.ownDetector(), s.hints(), s.createdMillis(), n.points(),
                    n.lastPointMillis(), n.lastValue()));
            if (n.state() == null) {
                states.remove(n.name());
            } else {
                states.put(n.name(), n.state());
            }
        }
    }

    /** The bytes of every saved state; for the size report. */
    public synchronized long stateBytes() {
        return states.values().stream().mapToLong(b -> b.length).sum();
    }
}
