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
import java.util.Map;
import java.util.logging.Level;
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
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
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
 *
 * <p>All of it runs under the application's Content-Security-Policy, whose scripts are this
 * server's files and the page's own inline scripts by their nonce: the test checks that the
 * browser received the header and that it reported no violation, neither to a
 * {@code securitypolicyviolation} listener installed before any page script runs nor in its
 * console, on the login page, through sign-in, server push and the download.
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
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
        // Runs in every new document before its own scripts, so no violation goes unseen.
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__cspViolations = [];
                document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
                    e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at '
                    + (e.sourceFile || '?') + ':' + e.lineNumber));
                """));
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
        assertContentSecurityPolicyKept();
        // The login form posts Spring's CSRF token, which the page carries for it.
        assertThat(driver.findElement(By.cssSelector("meta[name='_csrf']")).getDomAttribute("content")).isNotBlank();
        assertThat(driver.findElement(By.cssSelector("meta[name='_csrf_parameter']")).getDomAttribute("content"))
                .isEqualTo("_csrf");
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
        // Rendered, signed in and pushed to, all under the policy.
        assertContentSecurityPolicyKept();

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
        assertThat(lines.getFirst()).startsWith("time,stream,value,score,severity,expected,lower,upper,std,z,threshold,window,detector");
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

    /**
     * The page in the browser came with a Content-Security-Policy, and the browser reported no
     * violation of it, to the listener or in its console.
     */
    private static void assertContentSecurityPolicyKept() {
        Object policy = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(location.href).then(r => done(r.headers.get('content-security-policy')), e => done('' + e));
                """);
        assertThat((String) policy).as("Content-Security-Policy of " + driver.getCurrentUrl())
                .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .containsPattern("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'unsafe-eval';")
                .doesNotContainPattern("script-src[^;]*'unsafe-inline'");
        Object violations = ((JavascriptExecutor) driver).executeScript("return window.__cspViolations;");
        assertThat(violations).as("the securitypolicyviolation listener ran").isNotNull();
        assertThat((List<?>) violations).as("CSP violations on " + driver.getCurrentUrl()).isEmpty();
        List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).toList();
        assertThat(console).as("browser console").noneMatch(m -> m.contains("Content Security Policy"));
    }

    private static int intAttr(WebElement e, String name) {
        String v = e.getDomAttribute(name);
        return v == null || v.isBlank() ? 0 : Integer.parseInt(v);
    }

}
