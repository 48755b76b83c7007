package dev.zscope.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database level with {@code anomalies.csv} at start, so that nothing recorded is lost
 * and nothing is stored twice, whichever of the two a crash left ahead.
 *
 * <p>Every anomaly goes to the log first and then, in the same order, to the database, and each
 * database transaction advances {@code anomaly_log_mark.logged_rows} by the log rows it holds. So
 * the table always holds the log's first {@code logged_rows} rows, and at start:
 * <ul>
 *   <li>log rows past the mark are imported (after a crash before the writer caught up, or all of
 *       them on an upgrade from the CSV-only version or with a new, empty database);</li>
 *   <li>rows before the mark are skipped, as they are in the table already;</li>
 *   <li>a log shorter than the mark (it lost its unsynced tail in a power cut, or was deleted) sets
 *       the mark back to the log's length: the extra rows stay in the table, and the log's new rows
 *       are counted from there.</li>
 * </ul>
 * Fed by {@link AnomalyLog#open} with the log's rows in order; imports in batches, each with its mark
 * advance in one transaction, so an import that is cut short resumes where it stopped.
 */
final class LogImport implements Consumer<Anomaly> {

    private static final Logger LOG = LoggerFactory.getLogger(LogImport.class);
    private static final int BATCH = 5_000;

    private final AnomalyTable table;
    private final long mark;
    private final List<AnomalyTable.Row> batch = new ArrayList<>(BATCH);
    private long seen;
    private long imported;

    /** Reads the table's mark; feed it the log's rows, then call {@link #finish()}. */
    LogImport(AnomalyTable table) {
        this.table = table;
        this.mark = table.loggedRows();
    }

    @Override
    public void accept(Anomaly anomaly) {
        if (seen++ >= mark) {
            batch.add(new AnomalyTable.Row(anomaly, true));
            if (batch.size() == BATCH) {
                write();
            }
        }
    }

    /** Writes the last batch, or sets the mark back when the log is shorter; returns rows imported. */
    long finish() {
        write();
        if (seen < mark) {
            LOG.warn("The anomaly log has {} rows but the database holds {} of them: the log lost its tail; "
                    + "the database keeps those anomalies", seen, mark);
            table.resetLoggedRows(seen);
        }
        if (imported > 0) {
            LOG.info("Imported {} anomalies from the log into the database ({} were there already)",
                    imported, Math.min(seen, mark));
        }
        return imported;
    }

    private void write() {
        table.insert(batch);
        imported += batch.size();
        batch.clear();
    }
}
