package dev.zscope.detection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A snapshot that is the serialized form of a detector made only of settings records, primitives
 * and arrays. Serializing is a deep copy by construction, so the restored detector shares nothing
 * with the original and continues bit for bit where it stood; no per-detector state mapper to keep
 * in step with the fields.
 *
 * @param detector the detector's name, for messages
 * @param bytes    the serialized detector
 */
public record SerializedSnapshot(String detector, byte[] bytes) implements Detector.Snapshot {

    public static SerializedSnapshot of(Detector d) {
        if (!(d instanceof Serializable)) {
            throw new IllegalArgumentException(d.name() + " is not serializable");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the state of " + d.name(), e);
        }
        return new SerializedSnapshot(d.name(), buffer.toByteArray());
    }

    @Override
    public Detector restore() {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Detector) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot restore the state of " + detector, e);
        }
    }
}
