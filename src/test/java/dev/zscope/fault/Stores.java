package dev.zscope.fault;

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

/** What the two anomaly stores of a stopped application hold, read straight from their files. */
final class Stores {

    /** One anomaly as both stores know it: its stream and observation time. */
    record Key(String stream, Instant time) {
    }

    private Stores() {
    }

    /** The rows of {@code anomalies.csv} (the header left out); every line must have the header's fields. */
    static List<Key> log(Path data) throws IOException {
        List<Key> keys = new ArrayList<>();
        List<String> lines = Files.readAllLines(data.resolve("anomalies.csv"));
        int columns = lines.getFirst().split(",", -1).length;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields.length != columns) {
                throw new AssertionError("a damaged line in anomalies.csv: " + line);
            }
            keys.add(new Key(fields[1], Instant.parse(fields[0])));
        }
        return keys;
    }

    /** The rows of the embedded database, in recording order. */
    static List<Key> database(Path data) throws SQLException {
        List<Key> keys = new ArrayList<>();
        String url = "jdbc:h2:file:" + data.resolve("zscope").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT stream, observed_at FROM anomaly ORDER BY id")) {
            while (rs.next()) {
                keys.add(new Key(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()));
            }
        }
        return keys;
    }
}
