package dev.zscope.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * The header's status as the drawer shows it on a phone, where the header keeps only the menu
 * button, the name, the stream's state and sign-out, so that it stays one row high. Shown only
 * below {@code styles.css}'s phone width; the header's own badges are hidden there.
 */
final class PhoneStatus extends Div {

    /** The class of what the header hides on a phone. */
    static final String HIDDEN_ON_PHONES = "zscope-hide-narrow";

    private final Span rate = line("drawer-status-rate");
    private final Span today = line("drawer-status-today");

    PhoneStatus(String user) {
        setId("drawer-status");
        addClassName("zscope-only-narrow");
        Span who = line("drawer-status-user");
        who.setText(user.isEmpty() ? "" : "Signed in as " + user);
        add(rate, today, who);
    }

    void show(String rateText, String todayText) {
        rate.setText(rateText);
        today.setText(todayText);
    }

    private static Span line(String id) {
        Span s = new Span();
        s.setId(id);
        return s;
    }
}
