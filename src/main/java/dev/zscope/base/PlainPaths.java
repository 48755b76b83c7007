package dev.zscope.base;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Reads a configured path ({@code zscope.data-dir} and the data directories bound from it) as a
 * file-system path, relative to the working directory, as a user who types {@code ../data}
 * expects. Without it Spring reads a relative path through the web application's resource loader,
 * as a location inside the servlet context, and refuses one that climbs out of it ("The resource
 * path [/../x] has been normalized to [null]"), so the app did not start.
 */
@Component
@ConfigurationPropertiesBinding
public class PlainPaths implements Converter<String, Path> {

    @Override
    public Path convert(String source) {
        try {
            return Path.of(source.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a usable path: '" + source + "' (" + e.getReason() + ")", e);
        }
    }
}
