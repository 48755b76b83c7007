package dev.zscope.replay.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.github.mvysny.kaributesting.v10.UploadKt;
import dev.zscope.KaribuTest;
import dev.zscope.replay.BacktestProperties;
import dev.zscope.replay.Backtester;
import dev.zscope.settings.SettingsService;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.replay.BacktestRow;
import dev.zscope.security.CurrentUser;
import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import java.nio.charset.StandardCharsets;
import org.springframework.util.unit.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backtesting in a mocked browser: uploads and their limit, a labelled file, a run in the background, the result. */
class BacktestViewTest extends KaribuTest {

    @TempDir
    Path dir;

    private Path labelledFile() throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,value,label\n");
        for (int i = 0; i < 300; i++) {
            boolean spike = i == 120 || i == 240;
            sb.append(1_700_000_000_000L + i * 1000L).append(',').append(spike ? 50 : i % 2).append(',')
                    .append(spike ? 1 : 0).append('\n');
        }
        return Files.writeString(dir.resolve("labelled.csv"), sb);
    }

    @SuppressWarnings("unchecked")
    private static void choose(String detector, String window, String warmup) {
        _setValue(_get(Select.class, spec -> spec.withId("backtest-detector")), detector);
        _setValue(_get(TextField.class, spec -> spec.withId("backtest-param-window")), window);
        _setValue(_get(TextField.class, spec -> spec.withId("backtest-param-warmup")), warmup);
    }

    private static String awaitSummary(String prefix) {
        Span summary = _get(Span.class, spec -> spec.withId("backtest-summary"));
        org.awaitility.Awaitility.await().atMost(20, java.util.concurrent.TimeUnit.SECONDS).pollInSameThread()
                .pollInterval(20, java.util.concurrent.TimeUnit.MILLISECONDS).until(() -> {
                    MockVaadin.clientRoundtrip(false);
                    return summary.getText().startsWith(prefix);
                });
        return summary.getText();
    }

    @Test
    void aLabelledFileGivesAnomaliesAndPrecisionRecallOnTheChart() throws Exception {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(BacktestView.class);
        BacktestView view = _get(BacktestView.class);
        view.useFile(labelledFile().toFile());
        choose("zscore", "50", "20");
        _click(_get(Button.class, spec -> spec.withId("backtest-run")));
        String text = awaitSummary("Replayed");
        assertThat(text).startsWith("Replayed 300 rows: 2 anomalies")
                .contains("precision 1.000, recall 1.000");
        assertThat(view.chart().sentCount()).isEqualTo(300);
    }

    @Test
    void invalidSettingsDoNotStartARun() throws Exception {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(BacktestView.class);
        BacktestView view = _get(BacktestView.class);
        view.useFile(labelledFile().toFile());
        choose("zscore", "10", "20");
        _click(_get(Button.class, spec -> spec.withId("backtest-run")));
        assertThat(_get(Span.class, spec -> spec.withId("backtest-summary")).getText())
                .startsWith("Not started:").contains("warmup must be at most the window");
        assertThat(view.chart().sentCount()).isZero();
    }

    /** A labelled file with a spike the labels miss (60), two they name (120, 240) and one the detector misses (200). */
    private Path mixedFile() throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,value,label\n");
        for (int i = 0; i < 300; i++) {
            boolean spike = i == 60 || i == 120 || i == 240;
            boolean label = i == 120 || i == 200 || i == 240;
            sb.append(1_700_000_000_000L + i * 1000L).append(',').append(spike ? 50 : i % 2).append(',')
                    .append(label ? 1 : 0).append('\n');
        }
        return Files.writeString(dir.resolve("mixed.csv"), sb);
    }

    /**
     * The rows to act on: each flagged row and each missed label listed with what it was, all of
     * them in the CSV download, the labels and the missed one drawn on the chart; and an admin
     * gives a stream the settings just tried.
     */
    @Test
    void theResultListsFlaggedAndMissedRowsOffersThemAsCsvAndAnAdminAppliesTheSettingsToAStream()
            throws Exception {
        DetectionEngine engine = applicationContext.getBean(DetectionEngine.class);
        SettingsService settings = applicationContext.getBean(SettingsService.class);
        engine.process("backtest-target", 1, 1, false);
        login("alice", "ADMIN");
        UI.getCurrent().navigate(BacktestView.class);
        BacktestView view = _get(BacktestView.class);
        view.useFile(mixedFile().toFile());
        choose("zscore", "50", "20");
        _click(_get(Button.class, spec -> spec.withId("backtest-run")));
        assertThat(awaitSummary("Replayed")).contains("(2 true, 1 false positives, 1 missed)");

        @SuppressWarnings("unchecked")
        Grid<BacktestRow> rows = _get(Grid.class, spec -> spec.withId("backtest-rows"));
        assertThat(GridKt._findAll(rows)).extracting(BacktestRow::line, BacktestRow::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(62L, "flagged, not labelled"),
                org.assertj.core.groups.Tuple.tuple(122L, "flagged, labelled"),
                org.assertj.core.groups.Tuple.tuple(202L, "missed"),
                org.assertj.core.groups.Tuple.tuple(242L, "flagged, labelled"));
        assertThat(_get(Span.class, spec -> spec.withId("backtest-row-count")).getText())
                .isEqualTo("4 rows flagged or missed.");
        String csv = new String(DownloadKt._download(_get(Anchor.class, spec -> spec.withId("backtest-download"))),
                StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).hasSize(5)
                .first().isEqualTo("line,timestamp,value,score,severity,expected,lower,upper,flagged,labelled");
        assertThat(csv.lines().skip(1)).extracting(l -> l.split(",")[0] + "," + l.split(",")[1] + ","
                        + l.split(",")[8] + "," + l.split(",")[9])
                .containsExactly("62,2023-11-14T22:14:20Z,true,false", "122,2023-11-14T22:15:20Z,true,true",
                        "202,2023-11-14T22:16:40Z,false,true", "242,2023-11-14T22:17:20Z,true,true");
        assertThat(_get(Span.class, spec -> spec.withId("backtest-legend")).getText())
                .contains("orange points are labelled", "purple ring marks a labelled point the detector missed");

        @SuppressWarnings("unchecked")
        Select<String> target = _get(Select.class, spec -> spec.withId("backtest-apply-stream"));
        _click(_get(Button.class, spec -> spec.withId("backtest-apply")));
        assertThat(target.isInvalid()).as("no stream chosen yet: said at the field").isTrue();
        assertThat(target.getErrorMessage()).startsWith("Stream must be chosen");
        _setValue(target, "backtest-target");
        // What the fields say since does not matter: the settings of the run shown are applied.
        _setValue(_get(Select.class, spec -> spec.withId("backtest-detector")), "ewma");
        _click(_get(Button.class, spec -> spec.withId("backtest-apply")));
        assertThat(engine.detectorChoice("backtest-target")).isEqualTo(new DetectorChoice("zscore",
                java.util.Map.of("window", "50", "warmup", "20")));
        assertThat(settings.streamDetector("backtest-target")).isNotNull();
        asAdmin(() -> settings.update(settings.current(), "backtest-target", null));
    }

    @Test
    void aViewerIsNotOfferedToApplySettings() throws Exception {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(BacktestView.class);
        BacktestView view = _get(BacktestView.class);
        view.useFile(mixedFile().toFile());
        choose("zscore", "50", "20");
        _click(_get(Button.class, spec -> spec.withId("backtest-run")));
        awaitSummary("Replayed");
        com.github.mvysny.kaributesting.v10.LocatorJ._assertNone(
                com.vaadin.flow.component.orderedlayout.HorizontalLayout.class, spec -> spec.withId("backtest-apply-row"));
        _get(Grid.class, spec -> spec.withId("backtest-rows")); // the rows are shown to a viewer too
        assertThat(view.results().file()).exists();
        UI.getCurrent().navigate(dev.zscope.streams.ui.StreamsView.class);
        assertThat(view.results().file()).as("the rows' file is deleted when the page is left").isNull();
    }

    private static String summary() {
        return _get(Span.class, spec -> spec.withId("backtest-summary")).getText();
    }

    /** An upload lands in a temporary file that the run then reads; the browser is told the 1 GB default. */
    @Test
    void anUploadedFileIsKeptAndRunAndTheBrowserKnowsTheLimit() throws Exception {
        login("victor", "VIEWER");
        UI.getCurrent().navigate(BacktestView.class);
        BacktestView view = _get(BacktestView.class);
        assertThat(view.upload().getMaxFileSize()).isEqualTo(1 << 30);

        UploadKt._upload(view.upload(), "labelled.csv", "text/csv", Files.readAllBytes(labelledFile()));
        assertThat(summary()).startsWith("Uploaded labelled.csv (").endsWith("). Run it.");
        assertThat(view.uploaded()).exists();
        choose("zscore", "50", "20");
        _click(_get(Button.class, spec -> spec.withId("backtest-run")));
        assertThat(awaitSummary("Replayed")).startsWith("Replayed 300 rows: 2 anomalies");
    }

    /**
     * A file over zscope.backtest.max-upload-size is refused by the server as well (a client need not
     * obey the browser's check), nothing of it is kept, and the page says why.
     */
    @Test
    void aFileOverTheLimitIsRefusedAndThePageSaysWhy() throws Exception {
        login("victor", "VIEWER");
        BacktestView view = new BacktestView(applicationContext.getBean(Backtester.class),
                applicationContext.getBean(SettingsService.class), new BacktestProperties(DataSize.ofBytes(100)),
                applicationContext.getBean(DetectionEngine.class), applicationContext.getBean(CurrentUser.class));
        UI.getCurrent().add(view);
        assertThat(view.upload().getMaxFileSize()).isEqualTo(100);

        UploadKt._upload(view.upload(), "big.csv", "text/csv", new byte[101]);
        assertThat(summary()).isEqualTo("Not uploaded: big.csv is larger than the backtest's limit of 100 bytes "
                + "(zscope.backtest.max-upload-size); nothing was kept.");
        assertThat(view.uploaded()).isNull();
        assertThat(_get(Button.class, spec -> spec.withId("backtest-run")).isEnabled()).isFalse();

        UploadKt._upload(view.upload(), "small.csv", "text/csv", "timestamp,value\n1,1\n".getBytes());
        assertThat(summary()).startsWith("Uploaded small.csv");
        assertThat(_get(Button.class, spec -> spec.withId("backtest-run")).isEnabled()).isTrue();
    }
}
