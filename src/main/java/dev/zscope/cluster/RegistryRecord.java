package dev.zscope.cluster;

import java.util.Map;

/**
 * A record of the compacted {@code streams} topic, the stream registry: key the stream's name,
 * value {@code created=<epoch millis>} and {@code archived=<true|false>} lines; no value (a
 * tombstone) when the stream was deleted. A stream's detector of its own travels on the
 * {@code settings} topic instead, where detection reads it in order with the points.
 */
final class RegistryRecord {

    private RegistryRecord() {
    }

    static byte[] encode(SharedRecords.StreamEntry entry) {
        return TextRecord.encode(Map.of("created", Long.toString(entry.createdMillis()),
                "archived", Boolean.toString(entry.archived())));
    }

    /** @throws IllegalArgumentException for a value that is not a registry entry */
    static SharedRecords.StreamEntry decode(byte[] bytes) {
        Map<String, String> f = TextRecord.decode(bytes);
        try {
            return new SharedRecords.StreamEntry(Long.parseLong(f.get("created")), Boolean.parseBoolean(f.get("archived")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a registry entry: " + f, e);
        }
    }
}
