package dev.zscope.cluster;

import dev.zscope.base.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A node's identity in the cluster: made once, kept in {@code cluster-node-id} in the data
 * directory, so that a node keeps its consumer group (and where it had read to) and its static
 * membership across restarts without a setting. Two nodes must not share a data directory.
 */
final class NodeId {

    static final String FILE = "cluster-node-id";
    private static final Pattern VALID = Pattern.compile("[a-z0-9-]{1,64}");

    private NodeId() {
    }

    /** The node id kept in {@code dataDirectory}, made there on first use. */
    static String of(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!VALID.matcher(id).matches()) {
                    throw new IllegalStateException(file + " does not hold a node id (" + id.length()
                            + " characters of [a-z0-9-] expected); remove it to make a new one");
                }
                return id;
            }
            Files.createDirectories(dataDirectory);
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            String id = "node-" + HexFormat.of().formatHex(random);
            PrivateFiles.replace(file, writer -> writer.write(id + "\n"));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the cluster node id in " + file, e);
        }
    }
}
