package dev.zscope.streams;

import dev.zscope.engine.DetectionEngine;
import dev.zscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.stereotype.Service;

/**
 * What an admin does to streams, one call per use case, whoever calls (method security): rename
 * (history, detector, its settings and saved state move along), archive, re-baseline, delete. A stream's logged
 * anomalies always stay.
 */
@Service
public class StreamAdmin {

    private final DetectionEngine engine;

    public StreamAdmin(DetectionEngine engine) {
        this.engine = engine;
    }

    /** @throws IllegalArgumentException for an unknown stream, an invalid or taken new name */
    @RolesAllowed(Roles.ADMIN)
    public void rename(String from, String to) {
        engine.rename(from, to.strip());
    }

    /** Hides the stream from the overview until it receives points again. */
    @RolesAllowed(Roles.ADMIN)
    public void archive(String stream) {
        engine.archive(stream);
    }

    /**
     * Accepts the stream's current level as its new normal after a change someone expected (a
     * deployment, a new sensor), so the detector stops flagging it without forgetting what it knows.
     */
    @RolesAllowed(Roles.ADMIN)
    public void rebaseline(String stream) {
        engine.rebaseline(stream);
    }

    /** Forgets the stream's detector, history and state; its anomalies stay in the log and the grid. */
    @RolesAllowed(Roles.ADMIN)
    public void delete(String stream) {
        engine.delete(stream);
    }
}
