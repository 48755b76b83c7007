package dev.zscope.cluster;

import dev.zscope.engine.Anomaly;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * An anomaly with its id as one record of the {@code anomalies} topic (key: the stream's name).
 *
 * <p>Format: version byte {@value #VERSION}; the id (partition int, offset long, index int); the
 * time (epoch millis, long); value, score, severity, expected, lower, upper, std, z, threshold
 * (double each);
 * window (int); the detector's name (modified UTF-8). A later version appends fields; a reader takes
 * the fields it knows and ignores the rest.
 */
record AnomalyRecord(AnomalyId id, Anomaly anomaly) {

    static final byte VERSION = 1;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(id.partition());
            out.writeLong(id.offset());
            out.writeInt(id.index());
            Anomaly a = anomaly;
            out.writeLong(a.time().toEpochMilli());
            out.writeDouble(a.value());
            out.writeDouble(a.score());
            out.writeDouble(a.severity());
            out.writeDouble(a.expected());
            out.writeDouble(a.lower());
            out.writeDouble(a.upper());
            out.writeDouble(a.std());
            out.writeDouble(a.z());
            out.writeDouble(a.threshold());
            out.writeInt(a.window());
            out.writeUTF(a.detector());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException for bytes that are not an anomaly record */
    static AnomalyRecord decode(String stream, byte[] bytes) {
        if (stream == null || bytes == null || bytes.length == 0 || bytes[0] < VERSION) {
            throw new IllegalArgumentException("not an anomaly record");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readByte();
            AnomalyId id = new AnomalyId(in.readInt(), in.readLong(), in.readInt());
            Instant time = Instant.ofEpochMilli(in.readLong());
            Anomaly a = new Anomaly(time, stream, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readInt(),
                    in.readUTF());
            return new AnomalyRecord(id, a);
        } catch (IOException e) {
            throw new IllegalArgumentException("a damaged anomaly record: " + e.getMessage(), e);
        }
    }
}
