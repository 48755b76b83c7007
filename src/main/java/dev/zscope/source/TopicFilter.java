package dev.zscope.source;

/**
 * An MQTT topic filter and the stream a topic it matches writes to: the topic level matched by the
 * filter's first {@code +} ({@code sensors/+/value} and {@code sensors/boiler-1/value} give
 * {@code boiler-1}); a filter without {@code +} writes every topic to one stream, the source's name.
 */
public final class TopicFilter {

    private final String filter;
    private final int level;

    public TopicFilter(String filter) {
        validate(filter);
        this.filter = filter;
        String[] levels = filter.split("/", -1);
        int at = -1;
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].equals("+")) {
                at = i;
                break;
            }
        }
        this.level = at;
    }

    public String filter() {
        return filter;
    }

    /** The level under the first {@code +} of a topic the filter matched, or null when the filter has none. */
    public String streamLevel(String topic) {
        if (level < 0) {
            return null;
        }
        String[] levels = topic.split("/", -1);
        return level < levels.length ? levels[level] : null;
    }

    /** @throws SourceException when {@code filter} is not a valid MQTT topic filter */
    static void validate(String filter) {
        if (filter == null || filter.isEmpty()) {
            throw new SourceException("topic", "an MQTT source needs a topic filter, e.g. sensors/+/value");
        }
        if (filter.length() > 1000 || filter.indexOf('\0') >= 0) {
            throw new SourceException("topic", "not a topic filter");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.contains("#") && (!l.equals("#") || i != levels.length - 1)) {
                throw new SourceException("topic", "'#' must be a whole level and the last one");
            }
            if (l.contains("+") && !l.equals("+")) {
                throw new SourceException("topic", "'+' must be a whole level");
            }
        }
    }
}
