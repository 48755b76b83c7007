package dev.zscope.cluster;

/**
 * The identity of an anomaly found in cluster mode, from the point that raised it: the partition and
 * offset of its record in the {@code points} topic and its index in that record. The same point
 * always gives the same id, so any reader can drop an anomaly it already has, even when two points
 * of a stream share a time and a value. Within a partition ids grow in the order points are judged.
 */
record AnomalyId(int partition, long offset, int index) implements Comparable<AnomalyId> {

    @Override
    public int compareTo(AnomalyId o) {
        int c = Integer.compare(partition, o.partition);
        if (c != 0) {
            return c;
        }
        c = Long.compare(offset, o.offset);
        return c != 0 ? c : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        return partition + "-" + offset + "-" + index;
    }
}
