package dev.zscope.source;

/** A source definition that cannot be used, naming the field at fault and why. */
public final class SourceException extends IllegalArgumentException {

    private final String field;

    public SourceException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field as in configuration: {@code url}, {@code query}, {@code step}, ... */
    public String field() {
        return field;
    }
}
