package dev.zscope.anomaly;

import dev.zscope.engine.Anomaly;

import static dev.zscope.anomaly.TestAnomalies.T0;
import static dev.zscope.anomaly.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.zscope.anomaly.AnomalyQuery.Direction;
import dev.zscope.anomaly.AnomalyQuery.SortField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the anomaly database must do, whichever database it is: the schema from an empty database,
 * the grid's filters, sorts, paging and counts in SQL, and the export. Subclasses supply the database.
 */
abstract class AnomalyDatabaseContract {

    @TempDir
    Path dir;

    TestDatabase db;
    private final List<AnomalyService> services = new ArrayList<>();

    abstract TestDatabase open(Path dir);

    @BeforeEach
    void openDatabase() {
        db = open(dir);
    }

    @AfterEach
    void closeAll() {
        services.forEach(AnomalyService::close);
        db.close();
    }

    AnomalyService service() {
        AnomalyService service;
        try {
            service = db.service(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        services.add(service);
        return service;
    }

    /** a@0 z=3, b@10 z=-8, a@20 z=5, c@30 z=Infinity, b@40 z=-3.5, a@50 z=4 */
    private AnomalyService withSix() {
        AnomalyService service = service();
        service.recordNow(anomaly("a", 0, 1.0, 3));
        service.record(List.of(anomaly("b", 10, -2.0, -8), anomaly("a", 20, 5.0, 5))).join();
        service.recordNow(anomaly("c", 30, 0.5, Double.POSITIVE_INFINITY));
        service.recordNow(anomaly("b", 40, 3.0, -3.5));
        service.recordNow(anomaly("a", 50, -1.0, 4));
        return service;
    }

    static List<Long> seconds(List<Anomaly> anomalies) {
        return anomalies.stream().map(a -> a.time().getEpochSecond() - T0.getEpochSecond()).toList();
    }

    @Test
    void migratesAnEmptyDatabaseToTheCurrentSchema() {
        var migrations = db.flyway().info().all();
        assertThat(migrations).isNotEmpty();
        assertThat(db.flyway().info().pending()).isEmpty();
        assertThat(db.flyway().info().current().getVersion()).isEqualTo(migrations[migrations.length - 1].getVersion());
        assertThat(db.flyway().migrate().migrationsExecuted).isZero(); // a second run changes nothing
        assertThat(db.rows()).isZero();
        assertThat(new AnomalyTable(db.jdbc()).loggedRows()).isZero();
    }

    @Test
    void filtersAndSortsByTheScoreOfEveryDetectorEvenWithoutAZ() {
        AnomalyService service = service();
        Anomaly scored = new Anomaly(T0.plusSeconds(5), "s", 42.0, 0.37, 0.9, 20.0, 15.0, 25.0, Double.NaN, Double.NaN,
                0.15, 0, "sentinel");
        service.record(List.of(anomaly("s", 0, 1.0, 0.2), scored, anomaly("s", 9, 1.0, -0.5))).join();

        assertThat(service.find(AnomalyQuery.all().withMinScore(0.3).sortedBy(SortField.SCORE, Direction.ASCENDING),
                0, 10)).containsExactly(scored, anomaly("s", 9, 1.0, -0.5));
    }

    @Test
    void theSecondMigrationGivesRowsOfTheFirstSchemaTheZScoresScoreAndBand() {
        Flyway firstSchema = Flyway.configure().configuration(db.flyway().getConfiguration())
                .cleanDisabled(false).target("1").load();
        firstSchema.clean();
        firstSchema.migrate();
        db.jdbc().update("INSERT INTO anomaly (observed_at, stream, point_value, baseline_mean, baseline_std, z, "
                + "abs_z, threshold, window_size, detector) VALUES (?, 's', 10.0, 1.0, 2.0, -4.5, 4.5, 3.0, 100, "
                + "'zscore')", AnomalySql.timestamp(T0));

        db.flyway().migrate();

        assertThat(service().find(AnomalyQuery.all().withMinScore(4.5), 0, 10))
                .containsExactly(new Anomaly(T0, "s", 10.0, 4.5, Double.NaN, 1.0, -5.0, 7.0, 2.0, -4.5, 3.0, 100, "zscore"));
    }

    @Test
    void rowsFromBeforeTheSeverityHaveAnUnknownOneThatNoSeverityFilterMatches() {
        Flyway thirdSchema = Flyway.configure().configuration(db.flyway().getConfiguration())
                .cleanDisabled(false).target("3").load();
        thirdSchema.clean();
        thirdSchema.migrate();
        db.jdbc().update("INSERT INTO anomaly (observed_at, stream, point_value, expected, baseline_std, z, score, "
                + "lower, upper, threshold, window_size, detector) VALUES (?, 's', 10.0, 1.0, 2.0, -4.5, 4.5, -5.0, "
                + "7.0, 3.0, 100, 'zscore')", AnomalySql.timestamp(T0));

        db.flyway().migrate();
        AnomalyService service = service();
        service.record(List.of(anomaly("s", 1, 1.0, 3.0))).join();

        assertThat(service.find(AnomalyQuery.all().sortedBy(SortField.SEVERITY, Direction.ASCENDING), 0, 10))
                .extracting(Anomaly::severity).containsExactly(Double.NaN, 1 - Math.exp(-3.0));
        assertThat(service.count(AnomalyQuery.all().withMinSeverity(0.0))).isEqualTo(1);
        assertThatIllegalArgumentException().isThrownBy(() -> AnomalyQuery.all().withMinSeverity(1.5));
    }

    @Test
    void filtersAndSortsByTheSeverity() {
        AnomalyService service = service();
        service.record(List.of(anomaly("a", 0, 1.0, 0.5), anomaly("b", 1, 1.0, -6.0), anomaly("c", 2, 1.0, 2.0)))
                .join();
        assertThat(service.find(AnomalyQuery.all().withMinSeverity(0.8).sortedBy(SortField.SEVERITY,
                Direction.DESCENDING), 0, 10)).extracting(Anomaly::stream).containsExactly("b", "c");
    }

    @Test
    void storesEveryFieldExactlyIncludingInfiniteZ() {
        AnomalyService service = service();
        Anomaly plus = TestAnomalies.zscore(Instant.parse("2025-03-01T12:00:00.123456Z"), "s", -3.5, -1e-7, 0.0,
                Double.POSITIVE_INFINITY, 3, 100, "zscore");
        Anomaly minus = TestAnomalies.zscore(T0.plusSeconds(1), "s", 1e300, Double.MIN_VALUE, 0.0, Double.NEGATIVE_INFINITY,
                2.5, 7, "other");
        service.record(List.of(plus, minus)).join();
        assertThat(service.find(AnomalyQuery.all().sortedBy(SortField.TIME, Direction.ASCENDING), 0, 10))
                .containsExactly(plus, minus);
        assertThat(seconds(service.find(AnomalyQuery.all().withMinScore(Double.POSITIVE_INFINITY), 0, 10)))
                .containsExactly(1L, 0L);
    }

    @Test
    void filtersByStreamTimeRangeAndMinimumAbsoluteZ() {
        AnomalyService service = withSix();
        AnomalyQuery all = AnomalyQuery.all();

        assertThat(seconds(service.find(all.withStream("a"), 0, 10))).containsExactly(50L, 20L, 0L);
        assertThat(service.count(all.withStream("nope"))).isZero();
        assertThat(seconds(service.find(all.withTimeRange(T0.plusSeconds(10), T0.plusSeconds(40)), 0, 10)))
                .containsExactly(30L, 20L, 10L); // from inclusive, to exclusive
        assertThat(seconds(service.find(all.withTimeRange(T0.plusSeconds(41), null), 0, 10))).containsExactly(50L);
        assertThat(seconds(service.find(all.withTimeRange(null, T0.plusSeconds(10)), 0, 10))).containsExactly(0L);
        assertThat(service.count(all.withTimeRange(T0.plusSeconds(40), T0.plusSeconds(10)))).isZero();
        assertThat(seconds(service.find(all.withMinScore(5.0), 0, 10))).containsExactly(30L, 20L, 10L);
        assertThat(seconds(service.find(all.withMinScore(1e300), 0, 10))).containsExactly(30L);
        assertThat(seconds(service.find(all.withStream("b").withMinScore(3.5)
                .withTimeRange(T0.plusSeconds(10), T0.plusSeconds(41)), 0, 10))).containsExactly(40L, 10L);
        assertThat(service.count(all.withStream("b").withMinScore(3.5))).isEqualTo(2);
        assertThatIllegalArgumentException().isThrownBy(() -> all.withMinScore(Double.NaN));
    }

    @Test
    void sortsByEachFieldBothWays() {
        AnomalyService service = withSix();
        assertThat(seconds(service.find(AnomalyQuery.all(), 0, 10))).containsExactly(50L, 40L, 30L, 20L, 10L, 0L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.TIME, Direction.ASCENDING), 0, 10)))
                .containsExactly(0L, 10L, 20L, 30L, 40L, 50L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.VALUE, Direction.ASCENDING), 0, 10)))
                .containsExactly(10L, 50L, 30L, 0L, 40L, 20L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.SCORE, Direction.DESCENDING), 0, 10)))
                .containsExactly(30L, 10L, 20L, 50L, 40L, 0L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.SCORE, Direction.ASCENDING), 0, 10)))
                .containsExactly(0L, 40L, 50L, 20L, 10L, 30L);
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.STREAM, Direction.ASCENDING), 0, 10)))
                .containsExactly(0L, 20L, 50L, 10L, 40L, 30L); // each stream by time
        assertThat(seconds(service.find(AnomalyQuery.all().sortedBy(SortField.STREAM, null), 0, 10)))
                .containsExactly(30L, 40L, 10L, 50L, 20L, 0L);
    }

    @Test
    void pagesWithOffsetAndLimit() {
        AnomalyService service = withSix();
        assertThat(seconds(service.find(AnomalyQuery.all(), 0, 2))).containsExactly(50L, 40L);
        assertThat(seconds(service.find(AnomalyQuery.all(), 2, 2))).containsExactly(30L, 20L);
        assertThat(seconds(service.find(AnomalyQuery.all(), 4, 5))).containsExactly(10L, 0L);
        assertThat(service.find(AnomalyQuery.all(), 6, 5)).isEmpty();
        assertThat(service.find(AnomalyQuery.all(), 100, Integer.MAX_VALUE)).isEmpty();
        assertThat(service.find(AnomalyQuery.all(), 1, Integer.MAX_VALUE)).hasSize(5);
        assertThat(service.find(AnomalyQuery.all(), 0, 0)).isEmpty();
        assertThat(service.count(AnomalyQuery.all())).isEqualTo(6);
        assertThatIllegalArgumentException().isThrownBy(() -> service.find(AnomalyQuery.all(), -1, 5));
        assertThatIllegalArgumentException().isThrownBy(() -> service.find(AnomalyQuery.all(), 0, -1));
    }

    @Test
    void countsSinceAnInstant() {
        AnomalyService service = withSix();
        assertThat(service.countSince(T0.plusSeconds(20))).isEqualTo(4);
        assertThat(service.countSince(T0.plusSeconds(51))).isZero();
    }

    /**
     * Random rows and queries against a model: the Java filter, the query's comparator, then the
     * tie-breakers the database uses (time for a stream sort, then recording order), all in the
     * query's direction; paged in uneven steps, the pages must add up to exactly the model.
     */
    @Test
    void everyFilterSortAndPageMatchesAModel() {
        Random random = new Random(7);
        String[] streams = {"alpha", "beta", "gamma", "a2", "b1"};
        List<Anomaly> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double z = random.nextInt(20) == 0 ? Double.NEGATIVE_INFINITY : random.nextGaussian() * 6;
            rows.add(TestAnomalies.zscore(T0.plusSeconds(random.nextInt(300)), streams[random.nextInt(streams.length)],
                    random.nextInt(40) - 20, 0, 1, z, 3, i, "d"));
        }
        AnomalyService service = service();
        for (int i = 0; i < rows.size(); i += 50) {
            service.record(rows.subList(i, i + 50)).join();
        }
        for (int q = 0; q < 40; q++) {
            AnomalyQuery query = new AnomalyQuery(random.nextBoolean() ? streams[random.nextInt(streams.length)] : null,
                    random.nextBoolean() ? T0.plusSeconds(random.nextInt(300)) : null,
                    random.nextBoolean() ? T0.plusSeconds(random.nextInt(300)) : null,
                    random.nextBoolean() ? random.nextDouble() * 8 : null,
                    random.nextInt(3) == 0 ? random.nextDouble() : null,
                    SortField.values()[q % SortField.values().length],
                    Direction.values()[q / SortField.values().length % 2]);
            List<Anomaly> expected = model(rows, query);
            assertThat(service.count(query)).as(query.toString()).isEqualTo(expected.size());
            List<Anomaly> paged = new ArrayList<>();
            for (int offset = 0, limit = 1; offset <= expected.size(); offset += limit, limit = limit * 2 + 1) {
                paged.addAll(service.find(query, offset, limit));
            }
            assertThat(paged).as(query.toString()).containsExactlyElementsOf(expected);
        }
    }

    /**
     * Pages are read by seeking past earlier pages' last rows; anomalies recorded in between move
     * those rows down. Every page, read forwards, backwards or skipping ahead, between batches of
     * new rows, must equal the model's rows at that offset of the table as it is now.
     */
    @Test
    void pagesStayExactWhileNewAnomaliesArriveBetweenThem() {
        Random random = new Random(11);
        String[] streams = {"alpha", "beta", "gamma"};
        List<Anomaly> rows = new ArrayList<>();
        AnomalyService service = service();
        List<AnomalyQuery> queries = new ArrayList<>();
        for (SortField field : SortField.values()) {
            for (Direction direction : Direction.values()) {
                queries.add(AnomalyQuery.all().sortedBy(field, direction));
                queries.add(AnomalyQuery.all().withMinScore(2.0).sortedBy(field, direction));
            }
        }
        for (int round = 0; round < 6; round++) {
            List<Anomaly> batch = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                batch.add(TestAnomalies.zscore(T0.plusSeconds(random.nextInt(300)), streams[random.nextInt(streams.length)],
                        random.nextInt(40) - 20, 0, 1, random.nextGaussian() * 4, 3, rows.size() + i, "d"));
            }
            service.record(batch).join();
            rows.addAll(batch);
            for (AnomalyQuery query : queries) {
                List<Anomaly> expected = model(rows, query);
                for (int offset : new int[] {0, 9, 18, 27, 60, 13, 31, 200}) {
                    int to = Math.min(expected.size(), offset + 9);
                    assertThat(service.find(query, offset, 9)).as(query + " round " + round + " offset " + offset)
                            .containsExactlyElementsOf(offset >= to ? List.of() : expected.subList(offset, to));
                }
            }
        }
    }

    private static List<Anomaly> model(List<Anomaly> rows, AnomalyQuery query) {
        Comparator<Anomaly> order = switch (query.sortField()) {
            case TIME -> Comparator.comparing(Anomaly::time);
            case VALUE -> Comparator.comparingDouble(Anomaly::value);
            case SCORE -> Comparator.comparingDouble(Anomaly::score);
            case SEVERITY -> Comparator.comparingDouble(Anomaly::severity);
            case STREAM -> Comparator.comparing(Anomaly::stream).thenComparing(Anomaly::time);
        };
        order = order.thenComparingInt(Anomaly::window); // window holds the recording index here
        return rows.stream().filter(query::matches)
                .sorted(query.direction() == Direction.ASCENDING ? order : order.reversed()).toList();
    }

    @Test
    void exportsTheMatchingRowsWithFormulasNeutralisedAndNumbersLeftAsNumbers() throws IOException {
        AnomalyService service = service();
        String[] names = {"=1+1", "+x", "-x", "@x", "\tx", "\rx", "plain, \"quoted\"\nname"};
        for (int i = 0; i < names.length; i++) {
            service.recordNow(TestAnomalies.zscore(T0.plusSeconds(i), names[i], -3.5, -1e-7, 2, Double.NEGATIVE_INFINITY, 3,
                    100, i == 0 ? "@detector" : "zscore"));
        }
        service.recordNow(anomaly("other", 100, 1, 9)); // filtered out below
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        service.export(AnomalyQuery.all().withMinScore(10.0).sortedBy(SortField.TIME, Direction.ASCENDING), out);

        assertThat(closed[0]).as("export must leave the caller's stream open").isFalse();
        String csv = out.toString(StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(csv)).getRecords();
        assertThat(records.get(0).toList()).isEqualTo(AnomalyCsv.COLUMNS);
        assertThat(records.subList(1, records.size())).extracting(r -> r.get(1))
                .containsExactly("'=1+1", "'+x", "'-x", "'@x", "'\tx", "'\rx", "plain, \"quoted\"\nname");
        for (CSVRecord record : records.subList(1, records.size())) {
            assertThat(record.get(2)).isEqualTo("-3.5");
            assertThat(record.get(3)).isEqualTo("Infinity"); // score = |z|
            assertThat(record.get(4)).isEqualTo("1.0"); // severity
            assertThat(record.get(5)).isEqualTo("-1.0E-7"); // expected
            assertThat(Double.parseDouble(record.get(6))).isCloseTo(-6.0, within(1e-6)); // band: -1e-7 ± 3·2
            assertThat(Double.parseDouble(record.get(7))).isCloseTo(6.0, within(1e-6));
            assertThat(record.get(9)).isEqualTo("-Infinity");
            assertThat(record.get(11)).isEqualTo("100");
        }
        assertThat(records.get(1).get(0)).isEqualTo(T0.toString());
        assertThat(records.get(1).get(12)).isEqualTo("'@detector");
        assertThat(records.get(2).get(12)).isEqualTo("zscore");
        assertThat(csv).contains(",2.0,-Infinity,3.0,100,").doesNotContain("'-3.5");
    }
}
