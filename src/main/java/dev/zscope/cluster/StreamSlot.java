package dev.zscope.cluster;

import dev.zscope.detection.Detector;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.catalog.DetectorStates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream inside detection (cluster mode): its detector, made on first use from the saved state
 * when that was saved for the choice in force, its detector of its own if it has one, and the
 * counters that order its points. What a detector instance that takes the stream over finds in the
 * state store.
 *
 * <p>Format in the store (big-endian): version byte {@value #VERSION}; live points judged (long);
 * latest point time (long); whether it has a detector of its own (boolean), then its name and
 * settings (modified UTF-8: name, count as short, key and value each); the detector's state as
 * {@link DetectorStates} wrote it, its length first (int, -1 for none).
 */
final class StreamSlot {

    static final byte VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(StreamSlot.class);

    /** The detector of its own, or null when it runs the default of its partition. */
    DetectorChoice own;
    long points;
    long lastPointMillis = Long.MIN_VALUE;
    /** Point time of the last verdict sent on (memory only: thinning may restart after a move). */
    long lastVerdictMillis = Long.MIN_VALUE;
    boolean lastLearning = true;
    private DetectorChoice running;
    private Detector detector;
    private byte[] savedState;

    /**
     * The detector for {@code choice}: the one it has, the saved one if it was saved for exactly
     * this choice, or a new one (which learns from the next point on).
     */
    Detector detectorFor(DetectorChoice choice, String stream) {
        if (detector != null && choice.equals(running)) {
            return detector;
        }
        byte[] state = savedState;
        savedState = null;
        if (state != null) {
            DetectorStates.Restored restored = DetectorStates.load(choice, state);
            if (restored.detector() != null) {
                detector = restored.detector();
                running = choice;
                return detector;
            }
            log.info("Stream '{}' learns again: its saved detector state does not apply ({})", stream,
                    restored.problem());
        }
        detector = choice.create();
        running = choice;
        return detector;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(points);
            out.writeLong(lastPointMillis);
            out.writeBoolean(own != null);
            if (own != null) {
                out.writeUTF(own.detector());
                out.writeShort(own.settings().size());
                for (Map.Entry<String, String> e : own.settings().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue());
                }
            }
            byte[] state = detector != null ? DetectorStates.save(running, detector).orElse(null) : savedState;
            out.writeInt(state == null ? -1 : state.length);
            if (state != null) {
                out.write(state);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A slot as stored; its detector is made on first use.
     *
     * @throws IllegalArgumentException for bytes that are not a slot of this version
     */
    static StreamSlot decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a stream slot of version " + VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readByte();
            StreamSlot s = new StreamSlot();
            s.points = in.readLong();
            s.lastPointMillis = in.readLong();
            if (in.readBoolean()) {
                String name = in.readUTF();
                int n = in.readUnsignedShort();
                Map<String, String> settings = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    settings.put(in.readUTF(), in.readUTF());
                }
                try {
                    s.own = new DetectorChoice(name, settings);
                } catch (IllegalArgumentException e) {
                    log.warn("A stored detector of its own ({} {}) is refused by this version ({}); the stream"
                            + " runs the default", name, settings, e.getMessage());
                }
            }
            int length = in.readInt();
            if (length >= 0) {
                s.savedState = in.readNBytes(length);
                if (s.savedState.length != length) {
                    throw new IOException("the detector state is cut short");
                }
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("a damaged stream slot: " + e.getMessage(), e);
        }
    }
}
