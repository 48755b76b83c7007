package dev.zscope.detection.catalog;

import dev.zscope.detection.Detector;
import dev.zscope.detection.DetectorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A detector's state as bytes that survive a restart, in an explicit, versioned format (never Java
 * serialization): a header that says what the bytes are — magic {@code ZSDS}, the envelope's
 * version, the detector's name and settings, its kind's state version — then the detector's own
 * {@link Detector#writeState state}. Reading checks every part of the header against the choice the
 * stream runs now, so a state saved for other settings, another detector or another version is
 * refused with the reason, and the stream simply learns again.
 */
public final class DetectorStates {

    static final int MAGIC = 0x5A534453; // "ZSDS"
    static final int FORMAT = 1;

    private DetectorStates() {
    }

    /** The state of {@code detector}, which runs {@code choice}; empty when its kind keeps none. */
    public static Optional<byte[]> save(DetectorChoice choice, Detector detector) {
        DetectorKind<?> kind = choice.kind();
        if (!kind.keepsState()) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(FORMAT);
            out.writeUTF(choice.detector());
            out.writeShort(kind.stateVersion());
            out.writeShort(choice.settings().size());
            for (Map.Entry<String, String> e : choice.settings().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            detector.writeState(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return Optional.of(bytes.toByteArray());
    }

    /** A restored detector, or why there is none. */
    public record Restored(Detector detector, String problem) {
    }

    /** The detector {@code bytes} hold if they were saved for exactly {@code choice}; else the reason. */
    public static Restored load(DetectorChoice choice, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                return new Restored(null, "not a detector state");
            }
            int format = in.readUnsignedShort();
            if (format != FORMAT) {
                return new Restored(null, "state format " + format + " is unknown (this version reads " + FORMAT + ")");
            }
            String name = in.readUTF();
            int version = in.readUnsignedShort();
            int count = in.readUnsignedShort();
            Map<String, String> settings = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                settings.put(in.readUTF(), in.readUTF());
            }
            DetectorKind<?> kind = choice.kind();
            if (!name.equals(choice.detector()) || !settings.equals(choice.settings())) {
                return new Restored(null, "it was saved for " + name + " " + settings + ", the stream now runs "
                        + choice.detector() + " " + choice.settings());
            }
            if (!kind.keepsState() || version != kind.stateVersion()) {
                return new Restored(null, name + " state version " + version + " is not the one this version reads ("
                        + kind.stateVersion() + ")");
            }
            Detector detector = kind.restore(choice.settings(), in);
            if (in.read() != -1) {
                return new Restored(null, "the state has bytes left over");
            }
            return new Restored(detector, null);
        } catch (IOException | RuntimeException e) {
            return new Restored(null, "the state is damaged (" + e.getMessage() + ")");
        }
    }
}
