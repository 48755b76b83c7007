package dev.zscope.streams;

import dev.zscope.detection.StreamHints;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.StreamNames;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Applies the streams declared in configuration ({@link StreamsProperties}) when the application
 * starts. A declaration that cannot be used (a name outside the rule, a max below the min) stops
 * the start with a message naming the property: configuration is meant to be what runs.
 */
@Component
class DeclaredStreams implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DeclaredStreams.class);

    private final StreamsProperties properties;
    private final DetectionEngine engine;

    DeclaredStreams(StreamsProperties properties, DetectionEngine engine) {
        this.properties = properties;
        this.engine = engine;
    }

    @Override
    public void afterPropertiesSet() {
        for (Map.Entry<String, StreamsProperties.Declared> e : properties.streams().entrySet()) {
            String name = e.getKey();
            String property = "zscope.streams." + name + ".hints";
            if (!StreamNames.isValid(name)) {
                throw new IllegalStateException(property + ": '" + name + "' is not a stream name (1 to 100 letters,"
                        + " digits, '.', '_', '-' or ':')");
            }
            StreamHints hints;
            try {
                hints = e.getValue().hints().toStreamHints();
            } catch (IllegalArgumentException bad) {
                throw new IllegalStateException(property + ": " + bad.getMessage(), bad);
            }
            engine.open(name);
            engine.applyHints(name, hints);
            log.info("Stream '{}' declared in configuration with hints {}", name, hints.asSettings());
        }
    }
}
