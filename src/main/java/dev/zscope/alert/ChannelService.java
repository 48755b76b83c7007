package dev.zscope.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The notification channels: listed for everyone who may see them, made, changed and removed by
 * admins (channels from configuration are read-only), and tried with a test notification.
 */
@Service
public class ChannelService {

    /** A channel and how it is doing. */
    public record ChannelStatus(ChannelSpec spec, ChannelHealth health) {
    }

    private final AlertRuntime runtime;

    ChannelService(AlertRuntime runtime) {
        this.runtime = runtime;
    }

    public List<ChannelStatus> channels() {
        return runtime.channels.specs().stream().map(s -> new ChannelStatus(s, runtime.channels.health(s.name()))).toList();
    }

    /** The defaults a new channel starts from. */
    public AlertProperties defaults() {
        return runtime.properties;
    }

    /** Adds or replaces a channel made in the UI. */
    @PreAuthorize("hasRole('ADMIN')")
    public void save(ChannelSpec spec) {
        try {
            runtime.channels.save(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the channel: " + e.getMessage(), e);
        }
        runtime.evaluator.channelsChanged();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void delete(String name) {
        try {
            runtime.channels.delete(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the channel: " + e.getMessage(), e);
        }
        runtime.evaluator.channelsChanged();
    }

    /**
     * Sends a test notification (a made-up firing alert on a stream called {@code zscope-test}) on a
     * thread of its own; completes with what happened, in words.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public CompletableFuture<String> test(String name) {
        ChannelSpec spec = runtime.channels.specs().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("there is no channel " + name));
        Channel channel = runtime.channels.channel(name);
        Instant now = Instant.ofEpochMilli(runtime.evaluator.now());
        Alert sample = new Alert(0, "zscope-test", AlertKind.ANOMALY, AlertState.FIRING, now, now, null, now, 1, 0.999,
                "test", "info", new Alert.Facts(now, 42, 10, 8, 12, 16, 3), now, null, null, false, null);
        Notice notice = new Notice(spec.name(), sample.stream(), List.of(new Notice.Item(sample, true)), now, true);
        return CompletableFuture.supplyAsync(() -> {
            try {
                channel.send(notice);
                runtime.channels.succeeded(name, Instant.ofEpochMilli(runtime.evaluator.now()));
                return "Test notification sent through " + name + " (" + spec.target() + ").";
            } catch (Channel.DeliveryException e) {
                runtime.channels.failed(name, e.getMessage(), Instant.ofEpochMilli(runtime.evaluator.now()));
                return "Test notification failed: " + e.getMessage();
            }
        }, Thread.ofVirtual().name("zscope-channel-test")::start);
    }
}
