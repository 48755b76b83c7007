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
                applicationContext.getBean(SettingsService.class), new BacktestProperties(DataSize.ofBytes(100)));
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
