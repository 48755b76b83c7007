package dev.zscope.ingest;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a point looks like in a JSON body, for the API's description only: the controller reads the
 * body itself ({@link JsonPoints}), so nothing would tell springdoc its shape otherwise.
 */
@Schema(name = "Point", description = "One point. Without a timestamp it gets the server's time when written.")
record PointDoc(
        @Schema(types = {"string", "integer"}, description = "ISO-8601 with an offset, yyyy-MM-dd HH:mm:ss (UTC)"
                + " or epoch milliseconds; from 1970 to one day after the server's time",
                example = "2024-05-01T12:00:00Z") Object timestamp,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A finite number", example = "21.5")
        double value) {

    /** The CSV form of a body, as an example. */
    static final String CSV_EXAMPLE = "timestamp,value\n2024-05-01T12:00:00Z,21.5\n2024-05-01T12:00:10Z,21.7\n";
}
