package dev.zscope.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts the HTTP ingest requests ({@code zscope.ingest.requests}, tagged {@code outcome} accepted
 * or rejected) and the rejections by reason ({@code zscope.ingest.rejections}, tagged
 * {@code reason}). The reason is the refusal's title in snake case ({@code invalid_point},
 * {@code point_out_of_order}, {@code unauthorized}, ...): titles are constants in the code, so
 * the tag has a small fixed set of values whatever clients send.
 */
@Component
public class IngestMeters {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    @Autowired
    IngestMeters(ObjectProvider<MeterRegistry> registry) {
        this(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    IngestMeters(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = requests("accepted");
    }

    private Counter requests(String outcome) {
        return Counter.builder("zscope.ingest.requests").description("HTTP ingest requests by outcome")
                .tag("outcome", outcome).register(registry);
    }

    void accepted() {
        accepted.increment();
    }

    /** A refused ingest request; {@code title} is the problem body's title. */
    void rejected(String title) {
        requests("rejected").increment();
        rejections.computeIfAbsent(reason(title), reason -> Counter.builder("zscope.ingest.rejections")
                .description("HTTP ingest requests refused, by reason").tag("reason", reason)
                .register(registry)).increment();
    }

    /** "Point out of order" → {@code point_out_of_order}. */
    static String reason(String title) {
        String slug = title == null ? "" : title.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        slug = slug.replaceAll("^_+|_+$", "");
        return slug.isEmpty() ? "error" : slug;
    }
}
