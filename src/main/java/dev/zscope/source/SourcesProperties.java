package dev.zscope.source;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sources defined in configuration, {@code zscope.sources.<name>.<field>} (fields as in
 * {@link SourceDefinition}), and the data directory where those added in the UI are kept. The
 * fields are text here and parsed by {@link SourceDefinition#of}, so a mistake is reported with
 * the property's name at start.
 */
@ConfigurationProperties("zscope")
public record SourcesProperties(@DefaultValue("data") Path dataDir, Map<String, Fields> sources) {

    public SourcesProperties {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /** One source's fields as written in configuration. */
    public record Fields(String type, String url, String query, String step, String lookback, String delay,
                         String topic, String payload, String username, String password) {

        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("type", type);
            m.put("url", url);
            m.put("query", query);
            m.put("step", step);
            m.put("lookback", lookback);
            m.put("delay", delay);
            m.put("topic", topic);
            m.put("payload", payload);
            m.put("username", username);
            m.put("password", password);
            return m;
        }

        @Override
        public String toString() {
            return "Fields[" + type + ", " + url + (password == null ? "" : ", password ****") + "]";
        }
    }
}
