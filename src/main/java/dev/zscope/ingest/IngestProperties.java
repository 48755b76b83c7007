package dev.zscope.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP ingest API's limits and its tokens from configuration, bound from {@code zscope.ingest.*}.
 *
 * <p>The limits bound what one request can cost the server: a batch is parsed completely before
 * anything is written (all-or-nothing), so its size is the memory a request may hold.
 *
 * @param dataDirectory where {@code tokens.csv} (the tokens an admin created) is kept; normally
 *                      {@code zscope.data-dir}
 * @param maxBodySize   the largest request body accepted (413 beyond), counted while reading, so a
 *                      missing or lying {@code Content-Length} does not get around it; default 10MB
 * @param maxPoints     the most points one request may carry (413 beyond); default 100,000
 * @param maxLineLength the longest CSV line, in characters (a DataSize, counted in characters: 1MB
 *                      is 1,048,576 characters); a longer line is refused (413) with its number as
 *                      soon as it is read; default 1MB
 * @param tokens        tokens given as SHA-256 hex in configuration, for automation that must not
 *                      depend on a UI; they cannot be revoked in the UI (remove them here)
 */
@Validated
@ConfigurationProperties("zscope.ingest")
record IngestProperties(@DefaultValue("data") @NotNull Path dataDirectory,
                        @DefaultValue("10MB") @NotNull DataSize maxBodySize,
                        @DefaultValue("100000") @Min(1) @Max(10_000_000) int maxPoints,
                        @DefaultValue("1MB") @NotNull DataSize maxLineLength,
                        List<@Valid ConfiguredToken> tokens) {

    IngestProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("zscope.ingest.max-body-size must be between 1B and 2GB");
        }
        if (maxLineLength.toBytes() < 100 || maxLineLength.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("zscope.ingest.max-line-length must be between 100B and 2GB");
        }
    }

    /**
     * A token known by its hash only, so the secret itself never sits in a configuration file.
     *
     * @param name   what the token is for, shown in the token list
     * @param sha256 the SHA-256 of the token, 64 hex digits ({@code printf %s "$TOKEN" | sha256sum})
     * @param scopes {@code read}, {@code write} or both
     */
    record ConfiguredToken(@NotBlank String name,
                           @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256,
                           @NotEmpty Set<Scope> scopes) {

        ConfiguredToken {
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        }
    }
}
