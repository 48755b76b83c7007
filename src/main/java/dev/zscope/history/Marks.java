package dev.zscope.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The anomalies and injected points of a read, up to a bound; sorted by time when taken. */
final class Marks {

    private final int max;
    private final List<Series.Mark> marks = new ArrayList<>();
    private boolean truncated;

    Marks(int max) {
        this.max = max;
    }

    void add(Series.Mark m) {
        if (marks.size() < max) {
            marks.add(m);
        } else {
            truncated = true;
        }
    }

    boolean truncated() {
        return truncated;
    }

    List<Series.Mark> sorted() {
        marks.sort(Comparator.comparingLong(Series.Mark::time));
        return marks;
    }
}
