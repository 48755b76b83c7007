package dev.zscope.cluster;

import dev.zscope.engine.Anomaly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a node's two anomaly stores hold, read straight from its data directory. */
final class ClusterFiles {

    private ClusterFiles() {
    }

    /** The anomalies of {@code anomalies.csv}, in order (the header left out). */
    static List<Anomaly> log(Path data) throws IOException {
        Path file = data.resolve("anomalies.csv");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        List<Anomaly> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length != 13) {
                throw new AssertionError("a damaged line in " + file + ": " + line);
            }
            out.add(new Anomaly(Instant.parse(f[0]), f[1], d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]),
                    d(f[8]), d(f[9]), d(f[10]), Integer.parseInt(f[11]), f[12]));
        }
        return out;
    }

    /** The stream and time of each row of the stopped node's embedded database, in recording order. */
    static List<String> database(Path data) throws SQLException {
        List<String> rows = new ArrayList<>();
        String url = "jdbc:h2:file:" + data.resolve("zscope").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT stream, observed_at, point_value FROM anomaly ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "@" + rs.getObject(2, java.time.OffsetDateTime.class).toInstant() + "="
                        + rs.getDouble(3));
            }
        }
        return rows;
    }

    static String key(Anomaly a) {
        return a.stream() + "@" + a.time() + "=" + a.value();
    }

    private static double d(String text) {
        return Double.parseDouble(text);
    }
}
