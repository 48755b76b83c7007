package dev.zscope.engine.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The live updates attached to one UI, so that one engine subscription's push can carry the work of
 * the others. The header refreshes its status with every push; while a view of the same UI pushes
 * anyway (the dashboard), the header rides along inside that view's {@code UI.access} instead of
 * holding a subscription of its own, so a browser gets one push message per interval, not two, and
 * the server serialises and sends half as many. Touched only with the UI's session locked (attach,
 * detach and {@code UI.access} all hold it), so it needs no locking of its own.
 */
final class UiPulse implements Serializable {

    private final List<LiveUpdates> leaders = new ArrayList<>();
    private final List<LiveUpdates> riders = new ArrayList<>();

    static UiPulse of(UI ui) {
        UiPulse pulse = ComponentUtil.getData(ui, UiPulse.class);
        if (pulse == null) {
            pulse = new UiPulse();
            ComponentUtil.setData(ui, UiPulse.class, pulse);
        }
        return pulse;
    }

    /** A view that subscribes for itself is attached: the riders stop their own subscriptions. */
    void leaderAttached(LiveUpdates leader) {
        leaders.add(leader);
        riders.forEach(LiveUpdates::stop);
    }

    /** The last pushing view is gone: the riders subscribe on their own again. */
    void leaderDetached(LiveUpdates leader) {
        leaders.remove(leader);
        if (leaders.isEmpty()) {
            riders.forEach(LiveUpdates::resume);
        }
    }

    /** A rider is attached; returns whether it has a push to ride on. */
    boolean riderAttached(LiveUpdates rider) {
        riders.add(rider);
        return !leaders.isEmpty();
    }

    void riderDetached(LiveUpdates rider) {
        riders.remove(rider);
    }

    boolean hasLeaders() {
        return !leaders.isEmpty();
    }

    /** Inside a leader's {@code UI.access}: lets every rider do its work for this push. */
    void carryRiders() {
        for (LiveUpdates rider : riders) {
            rider.rideAlong();
        }
    }
}
