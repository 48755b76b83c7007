package dev.zscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zscope.anomaly.AnomalyService;
import dev.zscope.engine.DetectionEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one real-browser test: headless Chromium signs in, sees the chart receive points, sees an
 * anomaly found by the product's default detector appear in red and in the grid, and downloads
 * the CSV. The anomaly is a point far off the simulated wave, written into the stream the way a
 * source would, because the demo's own incidents are rare (one in about 400 points) and the
 * simulated streams start with a past, so the detector is not fooled by its first cycle. Runs against the production
 * bundle after {@code package} (failsafe). Needs Debian's {@code chromium} and
 * {@code chromium-driver}; skipped without them, except in CI, where their absence fails it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vaadin.productionMode=true",
        "ZSCOPE_ADMIN_PASSWORD=browser-secret",
        "zscope.settings.update-interval-ms=50"})
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver driver;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", () -> Path.of("target", "browser-it-data",
                java.util.UUID.randomUUID().toString()).toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    AnomalyService anomalies;

    @Autowired
    DetectionEngine engine;

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
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void signInWatchAnomaliesAndDownloadTheLog() throws Exception {
        String base = "http://localhost:" + port + "/";
        driver.get(base);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        WebElement user = wait.until(d -> d.findElement(By.cssSelector("input[name='username']")));
        user.sendKeys("admin");
        WebElement password = driver.findElement(By.cssSelector("input[name='password']"));
        password.sendKeys("browser-secret", Keys.ENTER);

        WebElement chart = wait.until(d -> d.findElement(By.cssSelector("zscope-live-chart")));
        wait.until(d -> intAttr(chart, "data-points") > 20);
        // The chart opens full (the stream's past), so new points show as a newer newest point.
        String newestBefore = chart.getAttribute("data-newest");
        wait.until(d -> !java.util.Objects.equals(chart.getAttribute("data-newest"), newestBefore));
        wait.until(d -> !d.findElements(By.cssSelector("zscope-live-chart .apexcharts-series path")).isEmpty());

        // An anomaly appears: red marker on the chart and a row in the grid.
        engine.process(engine.firstStream().orElseThrow(), System.currentTimeMillis(), 10_000, false);
        wait.until(d -> intAttr(chart, "data-anomalies") > 0);
        wait.until(d -> !d.findElements(By.cssSelector(
                "zscope-live-chart .apexcharts-series[seriesName='Anomaly'] .apexcharts-series-markers path")).isEmpty());
        WebElement count = driver.findElement(By.id("anomaly-count"));
        wait.until(d -> !count.getText().startsWith("0 "));
        wait.until(d -> !d.findElements(By.cssSelector("#anomaly-grid vaadin-grid-cell-content")).isEmpty());

        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(shots.resolve("dashboard.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));

        // Download the CSV through the link, with the browser's session.
        String href = driver.findElement(By.id("anomaly-download")).getAttribute("href");
        assertThat(href).isNotBlank();
        String cookies = driver.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        href.startsWith("http") ? href : base + href)).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("time,stream,value,score,expected,lower,upper,std,z,threshold,window,detector");
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines.get(1)).contains(",simulated");

        // The log on disk holds what was downloaded: a stored anomaly is in both stores.
        List<String> onDisk = Files.readAllLines(anomalies.logFile());
        assertThat(onDisk.size()).isGreaterThanOrEqualTo(lines.size());
        assertThat(onDisk).contains(lines.get(1));

        driver.manage().window().setSize(new Dimension(1280, 1500));
        Files.write(shots.resolve("dashboard-tall.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        driver.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> chart.getSize().getWidth() < 400); // redrawn at the new width before the picture
        Files.write(shots.resolve("dashboard-phone.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static int intAttr(WebElement e, String name) {
        String v = e.getDomAttribute(name);
        return v == null || v.isBlank() ? 0 : Integer.parseInt(v);
    }

}
