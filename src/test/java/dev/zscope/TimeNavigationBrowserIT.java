package dev.zscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.history.HistoryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Time navigation in headless Chromium: a stream with two hours of stored points opens on the
 * address's range; the range buttons, a drag across the plot (zoom), the toolbar's zoom, "earlier"
 * and live mode change what the chart shows and the address with it; a grid row opens the moment
 * of its anomaly, highlighted; the time axis has no two equal labels, shows milliseconds for a
 * window of seconds and the year for old data. Runs against the production bundle (failsafe);
 * skipped without Debian's {@code chromium} and {@code chromium-driver}, except in CI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vaadin.productionMode=true",
        "ZSCOPE_ADMIN_PASSWORD=browser-secret",
        "zscope.engine.simulator-enabled=false",
        "zscope.settings.push-interval-ms=100"})
class TimeNavigationBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final long MINUTE = 60_000;
    private static WebDriver driver;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", () -> Path.of("target", "browser-it-data",
                java.util.UUID.randomUUID().toString()).toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    DetectionEngine engine;
    @Autowired
    HistoryService history;

    @BeforeAll
    static void browser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("CI") != null) {
            assertThat(present).as("CI must install chromium and chromium-driver (.ci/run does)").isTrue();
        }
        assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory("zscope-chromium"));
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void rangesZoomPanLiveAndARowOpeningItsMoment() throws Exception {
        long now = System.currentTimeMillis();
        long spike = now - 40 * MINUTE;
        engine.process("nav", now - 121 * MINUTE, 0, false);
        engine.applyDetector("nav", new DetectorChoice("zscore", Map.of()));
        for (long t = now - 120 * MINUTE; t < now - 5_000; t += 5_000) {
            engine.process("nav", t, t == spike ? 50 : (t / 5_000) % 2 + Math.sin(t / 600_000.0), false);
        }
        long old = Instant.parse("2014-02-14T10:00:00Z").toEpochMilli();
        for (int i = 0; i < 30; i++) {
            engine.process("old", old + i * MINUTE, i % 5, false);
        }
        history.flush().get(30, TimeUnit.SECONDS);

        String base = "http://localhost:" + port + "/";
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get(base + "?stream=nav&range=1h");
        wait.until(d -> d.findElement(By.cssSelector("input[name='username']"))).sendKeys("admin");
        driver.findElement(By.cssSelector("input[name='password']")).sendKeys("browser-secret", Keys.ENTER);
        // signed in once the dashboard's chart is there: a second navigation before that would race the first
        wait.until(d -> !d.findElements(By.cssSelector("zscope-live-chart")).isEmpty());
        driver.get(base + "?stream=nav&range=1h");
        WebElement chart = wait.until(d -> d.findElement(By.cssSelector("zscope-live-chart")));
        wait.until(d -> "true".equals(chart.getDomAttribute("data-live")) && num(chart, "data-points") > 50);
        assertThat(num(chart, "data-to") - num(chart, "data-from")).isEqualTo(60 * MINUTE);
        wait.until(d -> num(chart, "data-anomalies") == 1);
        assertDistinctTicks(chart);

        // a range button
        driver.findElement(By.id("range-15m")).click();
        wait.until(d -> num(chart, "data-to") - num(chart, "data-from") == 15 * MINUTE);
        wait.until(d -> d.getCurrentUrl().contains("range=15m"));

        // live: a new point arrives and the window follows it
        long fresh = System.currentTimeMillis();
        engine.process("nav", fresh, 0.5, false);
        wait.until(d -> num(chart, "data-newest") == fresh && num(chart, "data-to") >= fresh);

        // zoom by dragging across the plot: a fixed, narrower range, live ends
        // (offsets from the chart element, which stays; the plot's SVG is redrawn with every push)
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) ((JavascriptExecutor) driver).executeScript("""
                const c = arguments[0].getBoundingClientRect();
                const g = arguments[0].querySelector('.apexcharts-grid').getBoundingClientRect();
                return {x: g.left + g.width / 2 - (c.left + c.width / 2), y: g.top + g.height / 2 - (c.top + c.height / 2),
                        w: g.width};""", chart);
        int cx = box.get("x").intValue();
        int cy = box.get("y").intValue();
        int w = box.get("w").intValue();
        new Actions(driver).moveToElement(chart, cx - w / 5, cy).clickAndHold().moveByOffset(w / 3, 0).release().perform();
        wait.until(d -> "false".equals(chart.getDomAttribute("data-live")) && d.getCurrentUrl().contains("from="));
        long zoomed = num(chart, "data-to") - num(chart, "data-from");
        assertThat(zoomed).isLessThan(8 * MINUTE).isGreaterThan(2 * MINUTE);
        assertThat(driver.findElement(By.id("live-toggle")).getText()).contains("Go live");

        // earlier: the same width, half of it back
        long toBefore = num(chart, "data-to");
        driver.findElement(By.id("pan-earlier")).click();
        wait.until(d -> num(chart, "data-to") < toBefore);
        assertThat(toBefore - num(chart, "data-to")).isBetween(zoomed / 2 - 1000, zoomed / 2 + 1000);

        // the toolbar's zoom-in
        long before = num(chart, "data-to") - num(chart, "data-from");
        driver.findElement(By.cssSelector("zscope-live-chart .apexcharts-zoomin-icon")).click();
        wait.until(d -> num(chart, "data-to") - num(chart, "data-from") < before);

        // back to live
        driver.findElement(By.id("live-toggle")).click();
        wait.until(d -> "true".equals(chart.getDomAttribute("data-live")));

        // a grid row opens its anomaly's moment, highlighted
        String spikeText = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.ofEpochMilli(spike));
        WebElement row = wait.until(d -> d.findElements(By.cssSelector("#anomaly-grid vaadin-grid-cell-content")).stream()
                .filter(c -> c.getText().equals(spikeText)).findFirst().orElse(null));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", row);
        wait.until(d -> {
            try {
                row.click();
                return true;
            } catch (org.openqa.selenium.ElementClickInterceptedException e) {
                return false; // a notification sliding by
            }
        });
        wait.until(d -> num(chart, "data-highlight") == spike);
        wait.until(d -> !d.findElements(By.cssSelector("zscope-live-chart .apexcharts-point-annotations circle, "
                + "zscope-live-chart .apexcharts-point-annotation-marker")).isEmpty());
        assertThat(java.net.URLDecoder.decode(driver.getCurrentUrl(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("stream=nav", "at=" + Instant.ofEpochMilli(spike));
        assertThat(num(chart, "data-from")).isLessThan(spike);
        assertThat(num(chart, "data-to")).isGreaterThan(spike);
        assertDistinctTicks(chart);
        shoot("time-moment");

        // a window of seconds: milliseconds on the axis, no label twice
        driver.get(base + "?stream=nav&from=" + Instant.ofEpochMilli(spike - 1000) + "&to=" + Instant.ofEpochMilli(spike + 1000));
        WebElement tiny = wait.until(d -> d.findElement(By.cssSelector("zscope-live-chart")));
        wait.until(d -> tiny.getDomAttribute("data-ticks") != null && tiny.getDomAttribute("data-ticks").contains("."));
        assertDistinctTicks(tiny);

        // old data: the date with its year, no label twice
        driver.get(base + "?stream=old&from=2014-02-14T09:55:00Z&to=2014-02-14T10:35:00Z");
        WebElement oldChart = wait.until(d -> d.findElement(By.cssSelector("zscope-live-chart")));
        wait.until(d -> num(oldChart, "data-points") > 10 && oldChart.getDomAttribute("data-ticks") != null
                && oldChart.getDomAttribute("data-ticks").contains("2014"));
        assertDistinctTicks(oldChart);
        shoot("time-old");

        // a phone: the time controls in one row that scrolls inside itself, never the page
        driver.get(base + "?stream=nav&range=1h");
        WebElement wide = wait.until(d -> d.findElement(By.cssSelector("zscope-live-chart")));
        wait.until(d -> num(wide, "data-points") > 50);
        shoot("time-1280");
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(base + "?stream=nav&range=1h");
        WebElement phone = wait.until(d -> d.findElement(By.cssSelector("zscope-live-chart")));
        wait.until(d -> num(phone, "data-points") > 50);
        assertDistinctTicks(phone);
        Number right = (Number) ((JavascriptExecutor) driver).executeScript("""
                return Math.max(...[...document.querySelectorAll('.zscope-time-bar, zscope-live-chart, .zscope-chart-head')]
                        .map(e => e.getBoundingClientRect().right))""");
        assertThat(right.doubleValue()).as("the time controls and the chart fit 390 px").isLessThanOrEqualTo(390);
        assertThat(driver.findElement(By.id("range-1h")).isDisplayed()).isTrue();
        shoot("time-390");
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    private static void assertDistinctTicks(WebElement chart) {
        // the axis is drawn again once the layout settles (a phone's drawer, the header): wait for it
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> chart.getDomAttribute("data-ticks") != null
                && chart.getDomAttribute("data-ticks").split("\\|").length >= 2);
        List<String> ticks = Arrays.asList(chart.getDomAttribute("data-ticks").split("\\|"));
        assertThat(ticks).as("time labels").hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        Number overlaps = (Number) ((JavascriptExecutor) driver).executeScript("""
                const r = [...arguments[0].querySelectorAll('.zscope-time-tick, .zscope-time-zone')]
                    .map(e => e.getBoundingClientRect()).sort((a, b) => a.left - b.left);
                return r.filter((b, i) => i > 0 && b.left < r[i - 1].right).length""", chart);
        assertThat(overlaps.intValue()).as("time labels overlapping each other or 'UTC'").isZero();
    }

    private static void shoot(String name) throws IOException {
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(shots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    }

    private static long num(WebElement e, String attribute) {
        String v = e.getDomAttribute(attribute);
        return v == null || v.isBlank() ? Long.MIN_VALUE : Long.parseLong(v);
    }
}
