package dev.zscope.ingest;

import dev.zscope.base.PointText;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Reads {@code {"timestamp": ..., "value": ...}} or an array of them with Jackson's streaming
 * parser: no tree and no object per point, which is what lets one request carry 100,000 points
 * cheaply. Strict: a point has exactly these two members (timestamp optional), and anything after
 * the top-level value is an error.
 *
 * <p>NaN and Infinity tokens are read (they are not JSON) only to be refused with their own message.
 *
 * <p>JSON is read as UTF-8 only (RFC 8259): a UTF-8 byte order mark at the start is skipped, and a
 * body that starts like UTF-16 or UTF-32 (their byte order marks, or a NUL byte among its first
 * four bytes, which no UTF-8 JSON has) is refused with 415 before Jackson, which would otherwise
 * detect and accept those encodings by itself.
 */
final class JsonPoints {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonPoints() {
    }

    /** Reads {@code body} into {@code batch} (which decides the limits) and returns it. */
    static PointBatch read(InputStream body, PointBatch batch) throws IOException {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), utf8(body))) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT) {
                        throw IngestException.badRow(batch.size() + 1, "point",
                                "expected an object {\"timestamp\": ..., \"value\": ...}, found " + describe(t));
                    }
                    point(parser, batch);
                }
            } else if (first == JsonToken.START_OBJECT) {
                point(parser, batch);
            } else {
                throw malformed("the body must be a point object or an array of them, found " + describe(first),
                        batch.size() + 1);
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw malformed("found " + describe(trailing) + " after the end of the JSON value",
                        batch.size() + 1);
            }
        } catch (JacksonException e) {
            throw malformed(e.getOriginalMessage() + at(e.getLocation()), batch.size() + 1);
        }
        if (batch.size() == 0) {
            throw new IngestException(HttpStatus.BAD_REQUEST, "No points",
                    "the body holds no points");
        }
        return batch;
    }

    /** {@code body} without a UTF-8 byte order mark; 415 when it is UTF-16 or UTF-32. */
    static InputStream utf8(InputStream body) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, 7);
        byte[] head = new byte[7];
        int n = in.readNBytes(head, 0, head.length);
        int start = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        boolean utf16Bom = n - start >= 2 && ((head[start] & 0xFF) == 0xFE && (head[start + 1] & 0xFF) == 0xFF
                || (head[start] & 0xFF) == 0xFF && (head[start + 1] & 0xFF) == 0xFE);
        boolean nul = false;
        for (int i = start; i < Math.min(n, start + 4); i++) {
            nul |= head[i] == 0;
        }
        if (utf16Bom || nul) {
            throw new IngestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "JSON must be UTF-8, and this body starts like UTF-16 or UTF-32 (" + (utf16Bom
                            ? "a UTF-16 byte order mark" : "a NUL byte") + "); send application/json in UTF-8");
        }
        if (n > start) {
            in.unread(head, start, n - start);
        }
        return in;
    }

    /** Reads the members of one point object; the parser stands on its START_OBJECT. */
    private static void point(JsonParser parser, PointBatch batch) {
        int row = batch.size() + 1;
        long timestamp = 0;
        double value = 0;
        boolean serverTime = true;
        boolean hasTimestamp = false;
        boolean hasValue = false;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken t = parser.nextToken();
            switch (name) {
                case "timestamp" -> {
                    if (hasTimestamp) {
                        throw IngestException.badRow(row, "timestamp", "appears twice");
                    }
                    hasTimestamp = true;
                    serverTime = t == JsonToken.VALUE_NULL;
                    timestamp = serverTime ? 0 : timestamp(parser, t, row);
                }
                case "value" -> {
                    if (hasValue) {
                        throw IngestException.badRow(row, "value", "appears twice");
                    }
                    hasValue = true;
                    value = value(parser, t, row);
                }
                default -> throw IngestException.badRow(row, PointText.abbreviate(name),
                        "unknown member; a point has only \"timestamp\" and \"value\"");
            }
        }
        if (!hasValue) {
            throw IngestException.badRow(row, "value", "missing value");
        }
        if (serverTime) {
            batch.addAtServerTime(value);
        } else {
            batch.add(timestamp, value);
        }
    }

    private static long timestamp(JsonParser parser, JsonToken t, int row) {
        try {
            return switch (t) {
                case VALUE_NUMBER_INT -> {
                    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw new IllegalArgumentException("epoch milliseconds out of range");
                    }
                    yield parser.getLongValue();
                }
                case VALUE_NUMBER_FLOAT -> throw new IllegalArgumentException(
                        "epoch milliseconds must be a whole number, found " + parser.getText());
                case VALUE_STRING -> PointText.timestamp(parser.getString(), PointText.Mode.STRICT);
                default -> throw new IllegalArgumentException("expected a number or a string, found " + describe(t)
                        + "; " + PointText.TIMESTAMP_FORMS);
            };
        } catch (IllegalArgumentException e) {
            throw IngestException.badRow(row, "timestamp", e.getMessage());
        }
    }

    private static double value(JsonParser parser, JsonToken t, int row) {
        try {
            return switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> PointText.finite(parser.getDoubleValue());
                case VALUE_NULL -> throw new IllegalArgumentException("missing value");
                case VALUE_STRING -> {
                    PointText.value(parser.getString(), PointText.Mode.STRICT); // names NaN and infinity if that is what it is
                    throw new IllegalArgumentException("must be a JSON number, not a string");
                }
                default -> throw new IllegalArgumentException("non-numeric value: " + describe(t));
            };
        } catch (IllegalArgumentException e) {
            throw IngestException.badRow(row, "value", e.getMessage());
        }
    }

    private static IngestException malformed(String reason, int row) {
        return new IngestException(HttpStatus.BAD_REQUEST, "Malformed JSON",
                "malformed JSON at row " + row + ": " + reason + "; nothing was written", row, null);
    }

    private static String at(TokenStreamLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the body";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }
}
