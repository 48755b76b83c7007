package dev.zscope.source.mqtt;

import dev.zscope.base.PointText;
import dev.zscope.source.PayloadFormat;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a message's point: a number as text ({@code 21.5}), or JSON
 * {@code {"timestamp": ..., "value": ...}} where the timestamp is epoch milliseconds or text
 * ({@link PointText} strict forms) and may be left out, and other members are ignored (devices add
 * their own). A point without a timestamp is stamped with its arrival. Anything else is refused
 * with a reason, as is a time before 1970 or more than a day ahead, like the HTTP API.
 */
final class MqttPayload {

    static final int MAX_BYTES = 64 * 1024;
    private static final long DAY = 86_400_000L;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** A point, or why the payload has none. */
    record Point(long millis, double value) {
    }

    static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message, null, false, false);
        }
    }

    private MqttPayload() {
    }

    static Point read(PayloadFormat format, byte[] payload, long arrivedMillis) throws RefusedException {
        if (payload.length > MAX_BYTES) {
            throw new RefusedException("a payload of " + payload.length + " bytes (at most " + MAX_BYTES + ")");
        }
        Point p = format == PayloadFormat.JSON ? json(payload, arrivedMillis)
                : new Point(arrivedMillis, number(text(payload).strip()));
        if (p.millis() < 0 || p.millis() > arrivedMillis + DAY) {
            throw new RefusedException("timestamp " + java.time.Instant.ofEpochMilli(p.millis())
                    + " is not between 1970 and one day after the server's time");
        }
        return p;
    }

    private static double number(String text) throws RefusedException {
        try {
            return PointText.value(text, PointText.Mode.STRICT);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage() + " (the payload must be a number)");
        }
    }

    private static Point json(byte[] payload, long arrivedMillis) throws RefusedException {
        Long millis = null;
        Double value = null;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RefusedException("the payload must be a JSON object {\"timestamp\": ..., \"value\": ...}");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "timestamp" -> millis = switch (t) {
                        case VALUE_NUMBER_INT -> p.getLongValue();
                        case VALUE_STRING -> timestamp(p.getString());
                        case VALUE_NULL -> null;
                        default -> throw new RefusedException("timestamp: give epoch milliseconds or ISO-8601 text");
                    };
                    case "value" -> value = switch (t) {
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> PointText.finite(p.getDoubleValue());
                        case VALUE_STRING -> number(p.getString());
                        default -> throw new RefusedException("value: give a number");
                    };
                    default -> p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new RefusedException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new RefusedException("value: " + e.getMessage());
        }
        if (value == null) {
            throw new RefusedException("the JSON has no \"value\"");
        }
        return new Point(millis == null ? arrivedMillis : millis, value);
    }

    private static long timestamp(String text) throws RefusedException {
        try {
            return PointText.timestamp(text, PointText.Mode.STRICT);
        } catch (IllegalArgumentException e) {
            throw new RefusedException("timestamp: " + e.getMessage());
        }
    }

    private static String text(byte[] payload) throws RefusedException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new RefusedException("the payload is not UTF-8 text");
        }
    }
}
