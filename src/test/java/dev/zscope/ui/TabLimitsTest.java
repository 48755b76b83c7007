package dev.zscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import dev.zscope.KaribuTest;
import dev.zscope.dashboard.ui.DashboardView;
import dev.zscope.engine.DetectionEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tabs are bounded per session, and a closed tab's live subscription ends with it. */
class TabLimitsTest extends KaribuTest {

    @Autowired
    TabLimits limits;
    @Autowired
    DetectionEngine engine;

    @Test
    void theEleventhTabClosesTheOldestAndItsSubscription() {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(DashboardView.class);
        VaadinSession session = VaadinSession.getCurrent();
        UI first = UI.getCurrent();
        int before = engine.subscriberCount();
        List<UI> tabs = new ArrayList<>();
        for (int i = 0; i < TabLimits.PER_SESSION; i++) { // the first tab plus ten more
            UI tab = new UI();
            tab.getInternals().setSession(session);
            tab.doInit(com.vaadin.flow.server.VaadinRequest.getCurrent(), first.getUIId() + 1 + i, "ROOT");
            session.addUI(tab);
            limits.admit(tab); // as the UI init listener does for a tab the browser opens
            tabs.add(tab);
        }
        assertThat(session.getUIs()).hasSize(TabLimits.PER_SESSION).doesNotContain(first);
        assertThat(first.isClosing()).isTrue();
        assertThat(engine.subscriberCount()).as("the closed tab's subscription ended").isLessThan(before);
        UI.setCurrent(tabs.getLast());
    }
}
