package dev.zscope.replay.ui;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.zscope.replay.BacktestProperties;
import dev.zscope.replay.BacktestResult;
import dev.zscope.replay.Backtester;
import com.vaadin.flow.router.Menu;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.settings.ui.DetectorPicker;
import dev.zscope.security.Roles;
import dev.zscope.settings.SettingsService;
import dev.zscope.dashboard.ui.LiveChart;
import jakarta.annotation.security.RolesAllowed;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Backtesting: upload a {@code timestamp,value[,label]} CSV, pick a detector and its settings, and see
 * what it would have raised — on the chart, as a count, and as precision/recall when the file is
 * labelled. The file goes to a temporary file and is replayed on a background thread, streaming,
 * with progress a few times a second and a Cancel button, so even ten million rows neither fill
 * the memory nor block the page. A file larger than {@code zscope.backtest.max-upload-size} is
 * refused, by the browser before it is sent and by the server while it arrives, and the page says
 * why.
 */
@Route("backtest")
@Menu(title = "Backtest", order = 2, icon = "vaadin:flask")
@PageTitle("Backtest · Zscope")
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class BacktestView extends VerticalLayout {

    private final Backtester backtester;
    private final DetectorPicker detector = new DetectorPicker("backtest");
    private final Button run = new Button("Run backtest");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar();
    private final Span summary = new Span();
    private final LiveChart chart = new LiveChart(10_000);
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Checkbox fileHints = new Checkbox("Use the file's range and length as hints");
    private final UploadLimit limit;
    private final Upload upload;
    private File uploaded;
    private long uploadedBytes;

    public BacktestView(Backtester backtester, SettingsService settings, BacktestProperties properties) {
        this.backtester = backtester;
        detector.setValue(settings.current().detection());

        this.limit = new UploadLimit(properties.maxUploadSize().toBytes());
        upload = new Upload(new UploadHandler() {
            @Override
            public void handleUploadRequest(UploadEvent event) throws IOException {
                receive(event);
            }

            /** For a multipart upload, which Vaadin checks after parsing; a raw one is checked in receive(). */
            @Override
            public long getFileSizeMax() {
                return limit.maxBytes();
            }
        });
        if (limit.browserLimit() > 0) {
            // The browser refuses a larger file before sending a byte; the server checks again.
            upload.setMaxFileSize(limit.browserLimit());
        }
        upload.setI18n(new UploadI18N().setError(new UploadI18N.Error().setFileIsTooBig(limit.message(null))));
        upload.addFileRejectedListener(e -> summary.setText("Not uploaded: " + e.getErrorMessage()));
        upload.setId("backtest-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".csv", "text/csv");

        run.setId("backtest-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setEnabled(false);
        run.addClickListener(e -> start());
        cancel.setId("backtest-cancel");
        cancel.setEnabled(false);
        cancel.addClickListener(e -> cancelled.set(true));
        progress.setIndeterminate(false);
        progress.setVisible(false);
        summary.setId("backtest-summary");
        chart.setId("backtest-chart");

        H2 title = new H2("Backtest a file");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
        Span hint = new Span("CSV with a header: timestamp,value and optionally label (1 = anomaly). "
                + "Timestamps as ISO-8601, epoch milliseconds or yyyy-MM-dd HH:mm:ss (UTC). Files up to "
                + UploadLimit.size(limit.maxBytes()) + ".");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout buttons = new HorizontalLayout(run, cancel);
        detector.setMaxWidth("48em");
        fileHints.setId("backtest-file-hints");
        fileHints.setTooltipText("Give the detector the file's minimum, maximum and number of rows, as NAB gives its"
                + " detectors. Off: strictly streaming, as on a live stream. Only for detectors that take hints.");
        add(title, hint, upload, detector, fileHints, buttons, progress, summary, chart);
    }

    /**
     * Receives an upload into a temporary file, on the upload's request thread. An upload larger than
     * {@code zscope.backtest.max-upload-size} is refused: at once when its declared size says so,
     * otherwise at the first byte beyond the limit (a request may declare no size, or a wrong one),
     * and what arrived is deleted. The view says why.
     */
    private void receive(UploadEvent event) throws IOException {
        String name = event.getFileName();
        UI ui = event.getUI();
        if (limit.refuses(event.getFileSize())) {
            refuse(event, ui, name);
            return;
        }
        Path file = Files.createTempFile("zscope-backtest-", ".csv");
        try (InputStream in = limit.limit(event.getInputStream())) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (UploadLimit.TooLarge e) {
            Files.deleteIfExists(file);
            refuse(event, ui, name);
            return;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        long bytes = Files.size(file);
        try {
            ui.access(() -> {
                discardUpload();
                uploaded = file.toFile();
                uploadedBytes = bytes;
                summary.setText("Uploaded " + name + " (" + UploadLimit.size(bytes) + "). Run it.");
                run.setEnabled(true);
            });
        } catch (UIDetachedException gone) {
            Files.deleteIfExists(file);
        }
    }

    private void refuse(UploadEvent event, UI ui, String name) {
        String message = limit.message(name);
        event.reject(message);
        try {
            ui.access(() -> summary.setText("Not uploaded: " + message));
        } catch (UIDetachedException gone) {
            // nobody to tell
        }
    }

    /** Validates the settings and starts the replay on a background thread. */
    void start() {
        DetectorChoice s;
        try {
            s = detector.getValue();
        } catch (IllegalArgumentException e) {
            summary.setText("Not started: " + e.getMessage());
            return;
        }
        File file = uploaded;
        if (file == null) {
            summary.setText("Upload a CSV file first.");
            return;
        }
        UI ui = UI.getCurrent();
        cancelled.set(false);
        run.setEnabled(false);
        cancel.setEnabled(true);
        progress.setVisible(true);
        progress.setValue(0);
        summary.setText("Running…");
        long bytes = Math.max(1, uploadedBytes);
        long[] lastPush = {0};
        try {
            backtester.submit(file.toPath(), s, fileHints.getValue(), rows -> {
                long now = System.nanoTime();
                if (now - lastPush[0] > 250_000_000L) { // a few updates a second, whatever the file size
                    lastPush[0] = now;
                    double estimate = Math.min(0.99, rows * 20.0 / bytes); // ≈ 20 bytes a row
                    ui.access(() -> {
                        progress.setValue(estimate);
                        summary.setText(String.format(Locale.ROOT, "Running… %,d rows", rows));
                    });
                }
            }, cancelled::get).whenComplete((result, failure) -> ui.access(() -> {
                if (failure == null) {
                    show(result);
                } else {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException c ? c.getCause() : failure;
                    fail(cause instanceof java.io.UncheckedIOException io ? io.getCause().getMessage() : cause.getMessage());
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            fail("too many backtests are running on this server; try again in a moment");
        }
    }

    private void show(BacktestResult r) {
        progress.setVisible(false);
        run.setEnabled(true);
        cancel.setEnabled(false);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s %,d rows: %,d anomalies",
                r.cancelled() ? "Cancelled after" : "Replayed", r.rows(), r.anomalies()));
        if (r.skipped() > 0) {
            text.append(String.format(Locale.ROOT, ", %,d rows without a usable value skipped", r.skipped()));
        }
        if (r.labels() != null) {
            text.append(String.format(Locale.ROOT, "; against the labels: precision %.3f, recall %.3f"
                            + " (%d true, %d false positives, %d missed)", r.labels().precision(),
                    r.labels().recall(), r.labels().truePositives(), r.labels().falsePositives(),
                    r.labels().falseNegatives()));
        }
        summary.setText(text.toString());
        chart.clear();
        chart.append(r.chart());
    }

    private void fail(String message) {
        progress.setVisible(false);
        run.setEnabled(uploaded != null);
        cancel.setEnabled(false);
        summary.setText("Could not replay the file: " + message);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        super.onDetach(event);
        cancelled.set(true);
        discardUpload();
    }

    private void discardUpload() {
        if (uploaded != null) {
            try {
                Files.deleteIfExists(uploaded.toPath());
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp folder
            }
            uploaded = null;
        }
    }

    /** For tests: use a file already on disk as if it had been uploaded. */
    void useFile(File file) {
        uploaded = file;
        uploadedBytes = file.length();
        run.setEnabled(true);
    }

    /** For tests. */
    LiveChart chart() {
        return chart;
    }

    /** For tests. */
    Upload upload() {
        return upload;
    }

    /** For tests: the uploaded file, or null. */
    File uploaded() {
        return uploaded;
    }
}
