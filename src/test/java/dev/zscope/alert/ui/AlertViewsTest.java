package dev.zscope.alert.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import dev.zscope.KaribuTest;
import dev.zscope.alert.Alert;
import dev.zscope.alert.AlertService;
import dev.zscope.alert.SilenceService;
import dev.zscope.alert.Triage;
import dev.zscope.dashboard.ui.DashboardView;
import dev.zscope.engine.Anomaly;
import dev.zscope.engine.DetectionEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** The alert views in a mocked browser: what operators, viewers and admins may do, and what labels change. */
class AlertViewsTest extends KaribuTest {

    @Autowired
    DetectionEngine engine;
    @Autowired
    AlertService alerts;
    @Autowired
    SilenceService silences;

    private static void open(Alert a) {
        UI.getCurrent().navigate(AlertsView.class, new QueryParameters(Map.of("alert", List.of(Long.toString(a.id())))));
    }

    @Test
    void anOperatorAcknowledgesAndSilencesAnAlert() {
        Alert a = Incidents.fire(engine, alerts, "karibu-ack", 100);
        login("olga", "OPERATOR");
        open(a);
        assertThat(_get(AlertDetails.class, spec -> spec.withId("alert-details")).shown().id()).isEqualTo(a.id());

        _setValue(_get(TextField.class, spec -> spec.withId("alert-comment")), "looking into it");
        _click(_get(Button.class, spec -> spec.withId("alert-acknowledge")));
        Alert acked = alerts.get(a.id()).orElseThrow();
        assertThat(acked.acknowledgement().by()).isEqualTo("olga");
        assertThat(acked.acknowledgement().comment()).isEqualTo("looking into it");
        assertThat(_get(Button.class, spec -> spec.withId("alert-acknowledge")).isEnabled()).isFalse();

        _click(_get(Button.class, spec -> spec.withId("alert-silence")));
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.get(a.id()).orElseThrow().silenced());
        assertThat(silences.silences()).anySatisfy(s -> {
            assertThat(s.describe()).isEqualTo("stream=\"karibu-ack\"");
            assertThat(s.createdBy()).isEqualTo("olga");
        });
        assertThat(alerts.get(a.id()).orElseThrow().flags()).containsExactly("acknowledged", "silenced");
    }

    @Test
    void aViewerSeesAlertsButCannotAcknowledgeSilenceOrLabel() {
        Alert a = Incidents.fire(engine, alerts, "karibu-viewer", 100);
        login("victor", "VIEWER");
        open(a);
        _assertOne(Span.class, spec -> spec.withId("alert-read-only"));
        _assertNone(Button.class, spec -> spec.withId("alert-acknowledge"));
        _assertNone(Button.class, spec -> spec.withId("alert-silence"));
        assertThatThrownBy(() -> alerts.acknowledge(a.id(), "")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> silences.silenceStream("karibu-viewer", Duration.ofHours(1), ""))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> alerts.labelAlert(a.id(), Triage.FALSE_POSITIVE, ""))
                .isInstanceOf(AccessDeniedException.class);

        UI.getCurrent().navigate(SilencesView.class);
        _assertOne(Span.class, spec -> spec.withId("silences-read-only"));
        _assertNone(Button.class, spec -> spec.withId("silence-create"));
        assertThat(alerts.get(a.id()).orElseThrow().flags()).isEmpty();
    }

    @Test
    void labelsChangeTheStreamsPrecisionFigureAndSuggestAThreshold() {
        Alert a = Incidents.fire(engine, alerts, "karibu-precision", 100);
        login("olga", "OPERATOR");
        UI.getCurrent().navigate(DashboardView.class, new QueryParameters(Map.of("stream", List.of("karibu-precision"))));
        assertThat(precisionText()).isEqualTo("Triage: No labelled anomalies yet.");

        open(a);
        _setValue(_get(Select.class, spec -> spec.withId("alert-triage")), Triage.TRUE_POSITIVE);
        _click(_get(Button.class, spec -> spec.withId("alert-label")));
        UI.getCurrent().navigate(DashboardView.class, new QueryParameters(Map.of("stream", List.of("karibu-precision"))));
        assertThat(precisionText()).startsWith("Triage: 1 of 1 labelled anomalies correct (100%)");

        Incidents.fire(engine, alerts, "karibu-precision", 16);
        open(a);
        @SuppressWarnings("unchecked")
        Grid<Anomaly> anomalies = _get(Grid.class, spec -> spec.withId("alert-anomalies"));
        assertThat(GridKt._size(anomalies)).isEqualTo(2);
        @SuppressWarnings("unchecked")
        Select<Triage> second = (Select<Triage>) GridKt._getCellComponent(anomalies, 1, "label-menu");
        _setValue(second, Triage.FALSE_POSITIVE);
        assertThat(GridKt._getFormattedRow(anomalies, 1)).contains("false positive");

        UI.getCurrent().navigate(DashboardView.class, new QueryParameters(Map.of("stream", List.of("karibu-precision"))));
        assertThat(precisionText()).startsWith("Triage: 1 of 2 labelled anomalies correct (50%)");
        assertThat(_get(Span.class, spec -> spec.withId("stream-suggestion")).getText())
                .startsWith("Suggestion: threshold ").contains("instead of 3").contains("dropped 1 of 1 false positives");
        _click(_get(Button.class, spec -> spec.withId("stream-suggestion-preview")));
        assertThat(_get(Span.class, spec -> spec.withId("stream-suggestion-result")).getText())
                .startsWith("Over the last");
    }

    @Test
    void anExpectedLabelResolvesTheAlert() {
        Alert a = Incidents.fire(engine, alerts, "karibu-expected", 100);
        login("olga", "OPERATOR");
        open(a);
        _setValue(_get(Select.class, spec -> spec.withId("alert-triage")), Triage.EXPECTED);
        _click(_get(Button.class, spec -> spec.withId("alert-label")));
        Alert resolved = alerts.get(a.id()).orElseThrow();
        assertThat(resolved.state().open()).isFalse();
        assertThat(resolved.resolution()).isEqualTo("labelled expected (new normal) by olga");
    }

    @Test
    void anExpectedLabelRebaselinesTheStreamsDetectorOnItsNewLevel() {
        Alert a = Incidents.fire(engine, alerts, "karibu-new-normal", 40);
        assertThat(engine.process("karibu-new-normal", 1_900_000_000_000L, 40, false).anomaly())
                .as("the new level is still anomalous before the label").isTrue();
        login("olga", "OPERATOR");
        open(a);
        _setValue(_get(Select.class, spec -> spec.withId("alert-triage")), Triage.EXPECTED);
        _click(_get(Button.class, spec -> spec.withId("alert-label")));
        assertThat(engine.process("karibu-new-normal", 1_900_000_001_000L, 40, false).anomaly())
                .as("re-baselined: the new level is normal").isFalse();
    }

    @Test
    void theHeaderCountsFiringAlertsOnEveryPage() {
        Incidents.fire(engine, alerts, "karibu-header", 100);
        login("victor", "VIEWER");
        UI.getCurrent().navigate(SilencesView.class);
        Anchor firing = _get(Anchor.class, spec -> spec.withId("status-firing"));
        assertThat(firing.getText()).matches("\\d+ alerts? firing").isNotEqualTo("0 alerts firing");
        assertThat(firing.getHref()).isEqualTo("alerts?state=firing");
    }

    private static String precisionText() {
        return _get(Span.class, spec -> spec.withId("stream-precision")).getText();
    }

    @Test
    void onlyAdminsOpenChannelsAndOperatorsSeeTheAlertPages() {
        login("olga", "OPERATOR");
        UI.getCurrent().navigate(AlertsView.class);
        _assertOne(SideNavItem.class, spec -> spec.withId("nav-alerts"));
        _assertOne(SideNavItem.class, spec -> spec.withId("nav-silences"));
        _assertNone(SideNavItem.class, spec -> spec.withId("nav-channels"));
        UI.getCurrent().navigate(ChannelsView.class);
        _assertNone(ChannelsView.class);
        _assertOne(dev.zscope.ui.NotAllowedView.class);
    }
}
