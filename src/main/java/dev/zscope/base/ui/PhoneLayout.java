package dev.zscope.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.util.function.Consumer;

/**
 * Tells a component whether its browser window is phone-narrow, for what CSS alone cannot change:
 * which grid columns exist. The width is asked once per attach and followed on resize; until the
 * browser answers (and in browserless tests) the window counts as wide. The same width as
 * {@code styles.css}'s phone rules, {@value #PHONE_MAX_WIDTH} px.
 */
public final class PhoneLayout {

    /** The widest window, in CSS pixels, that gets the phone layout. */
    public static final int PHONE_MAX_WIDTH = 640;

    private final Consumer<Boolean> apply;
    private Boolean phone;

    private PhoneLayout(Consumer<Boolean> apply) {
        this.apply = apply;
    }

    /**
     * Calls {@code apply} with true when {@code owner}'s window becomes phone-narrow and with false
     * when it becomes wide again, while {@code owner} is attached (on the UI thread).
     */
    public static void follow(Component owner, Consumer<Boolean> apply) {
        PhoneLayout layout = new PhoneLayout(apply);
        Registration[] resize = new Registration[1];
        owner.addAttachListener(e -> {
            UI ui = e.getUI();
            // Asked afresh: the width Vaadin keeps from the page's start may be stale by now.
            ui.getPage().executeJs("return window.innerWidth").then(Integer.class, layout::width);
            resize[0] = ui.getPage().addBrowserWindowResizeListener(r -> layout.width(r.getWidth()));
        });
        owner.addDetachListener(e -> {
            if (resize[0] != null) {
                resize[0].remove();
                resize[0] = null;
            }
            layout.phone = null; // asked again at the next attach
        });
    }

    private void width(int px) {
        if (px <= 0) {
            return; // not reported
        }
        boolean now = px <= PHONE_MAX_WIDTH;
        if (phone == null || phone != now) {
            phone = now;
            apply.accept(now);
        }
    }
}
