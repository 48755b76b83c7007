package dev.zscope.cluster;

import dev.zscope.ingest.Scope;
import dev.zscope.ingest.TokenInfo;
import dev.zscope.ingest.TokenReplica;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A record of the compacted {@code tokens} topic: key the SHA-256 of the token's secret (the secret
 * itself never leaves the server that made it), value {@code id}, {@code name}, {@code scopes}
 * (space-separated), {@code created} and {@code revoked} (ISO-8601, empty while valid) lines.
 */
final class TokenRecord {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private TokenRecord() {
    }

    static byte[] encode(TokenReplica.SharedToken token) {
        TokenInfo i = token.info();
        Map<String, String> f = new HashMap<>();
        f.put("id", i.id());
        f.put("name", i.name());
        f.put("scopes", i.scopes().stream().map(Scope::label).sorted().collect(Collectors.joining(" ")));
        f.put("created", i.created().toString());
        f.put("revoked", i.revoked() == null ? "" : i.revoked().toString());
        return TextRecord.encode(f);
    }

    /** @throws IllegalArgumentException for a record that is not a shared token */
    static TokenReplica.SharedToken decode(String sha256, byte[] bytes) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("the key is not a SHA-256 in hex");
        }
        Map<String, String> f = TextRecord.decode(bytes);
        try {
            String revoked = f.getOrDefault("revoked", "");
            TokenInfo info = new TokenInfo(f.get("id"), f.get("name"), Arrays.stream(f.get("scopes").split(" "))
                    .map(s -> Scope.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT))).collect(Collectors.toSet()), Instant.parse(f.get("created")),
                    revoked.isEmpty() ? null : Instant.parse(revoked), TokenInfo.Origin.ADMIN);
            if (info.id() == null || info.name() == null || info.scopes().isEmpty()) {
                throw new IllegalArgumentException("incomplete");
            }
            return new TokenReplica.SharedToken(info, sha256);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a shared token: " + e.getMessage(), e);
        }
    }
}
