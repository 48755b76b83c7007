package dev.zscope;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Load tool for issue 5's target 4 in real browsers: engine-to-browser lag of pushed points.
 *
 * <p>Opens {@code --browsers} headless Chromium windows (Debian's {@code chromium} and
 * {@code chromium-driver}, as {@link DashboardBrowserIT}), signs each in on the dashboard of a
 * running server and installs a MutationObserver on the live chart's {@code data-newest}
 * attribute, which the server sets with every push to the newest point's timestamp. For the
 * simulated stream that timestamp is the engine's clock when it processed the point, so
 * {@code Date.now() - data-newest} at each change is the lag from engine to the browser's DOM
 * (server and browsers share this machine's clock). After {@code --seconds} it collects every
 * browser's lags and prints p50, p99 and max across all of them.
 *
 * <p>It also wraps the chart's redraw to report what the DOM lag leaves out: how long each redraw
 * took (script time, which blocks the page's pushes while it runs) and, at each push, how old the
 * newest point already drawn is (what a person looking at the chart sees; the chart paces its
 * redraws by their cost, so on a busy machine this grows while the DOM lag stays low).
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.zscope.PushLagBrowsers \
 *      --url http://localhost:18080 --password secret --browsers 10 --seconds 60
 * </pre>
 */
public final class PushLagBrowsers {

    private static final String OBSERVE = """
            const chart = document.querySelector('zscope-live-chart');
            const newest = () => Number(chart.getAttribute('data-newest'));
            window.zscopeLags = [];
            window.zscopeScreenAges = [];
            window.zscopeRedraws = [];
            let drawn = 0;
            new MutationObserver(() => {
              if (newest() > 0) window.zscopeLags.push(Date.now() - newest());
              if (drawn > 0) window.zscopeScreenAges.push(Date.now() - drawn);
            }).observe(chart, {attributes: true, attributeFilter: ['data-newest']});
            const redraw = chart.redraw.bind(chart);
            chart.redraw = () => {
              const start = performance.now();
              const upTo = newest();
              redraw();
              drawn = upTo;
              window.zscopeRedraws.push(performance.now() - start);
            };
            """;

    private PushLagBrowsers() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = o.getOrDefault("url", "http://localhost:8080");
        String user = o.getOrDefault("user", "admin");
        String password = o.getOrDefault("password", System.getenv("ZSCOPE_ADMIN_PASSWORD"));
        int browsers = Integer.parseInt(o.getOrDefault("browsers", "10"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
        List<WebDriver> drivers = new ArrayList<>();
        ExecutorService starting = Executors.newFixedThreadPool(browsers);
        try {
            // In parallel: on a busy machine one browser takes 10-40 s to start and sign in.
            List<Future<WebDriver>> started = new ArrayList<>();
            for (int i = 0; i < browsers; i++) {
                started.add(starting.submit(() -> {
                    WebDriver driver = browser();
                    synchronized (drivers) {
                        drivers.add(driver);
                    }
                    signIn(driver, url, user, password);
                    return driver;
                }));
            }
            for (Future<WebDriver> f : started) {
                f.get();
            }
            for (WebDriver driver : drivers) {
                ((JavascriptExecutor) driver).executeScript(OBSERVE);
            }
            System.out.printf(Locale.ROOT, "%d browsers watching for %d s, load average %s%n", browsers, seconds,
                    loadAverage());
            Thread.sleep(seconds * 1000L);
            List<Long> all = new ArrayList<>();
            List<Long> ages = new ArrayList<>();
            for (int i = 0; i < drivers.size(); i++) {
                @SuppressWarnings("unchecked")
                List<Number> lags = (List<Number>) ((JavascriptExecutor) drivers.get(i))
                        .executeScript("return window.zscopeLags;");
                lags.forEach(n -> all.add(n.longValue()));
                long[] mine = lags.stream().mapToLong(Number::longValue).sorted().toArray();
                @SuppressWarnings("unchecked")
                List<Number> redraws = (List<Number>) ((JavascriptExecutor) drivers.get(i))
                        .executeScript("return window.zscopeRedraws;");
                @SuppressWarnings("unchecked")
                List<Number> screenAges = (List<Number>) ((JavascriptExecutor) drivers.get(i))
                        .executeScript("return window.zscopeScreenAges;");
                screenAges.forEach(n -> ages.add(n.longValue()));
                long[] drawn = redraws.stream().mapToLong(n -> Math.round(n.doubleValue())).sorted().toArray();
                System.out.printf(Locale.ROOT, "browser %d: %d pushes, p50 %d ms, p99 %d ms, max %d ms;"
                        + " %d chart redraws, script time p50 %d ms, p99 %d ms%n", i, mine.length, pct(mine, 0.5),
                        pct(mine, 0.99), pct(mine, 1), drawn.length, pct(drawn, 0.5), pct(drawn, 0.99));
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "all %d browsers: %d pushes with new points, lag p50 %d ms, p99 %d ms,"
                    + " max %d ms; load average %s%n", browsers, sorted.length, pct(sorted, 0.5), pct(sorted, 0.99),
                    pct(sorted, 1), loadAverage());
            long[] age = ages.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "age of the newest point on screen when a push arrives: p50 %d ms, p99 %d ms,"
                    + " max %d ms%n", pct(age, 0.5), pct(age, 0.99), pct(age, 1));
        } finally {
            starting.shutdownNow();
            drivers.forEach(WebDriver::quit);
        }
    }

    private static WebDriver browser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Path.of("/usr/bin/chromium").toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                "--user-data-dir=" + Files.createTempDirectory("zscope-lag-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
        return driver;
    }

    private static void signIn(WebDriver driver, String url, String user, String password) {
        driver.get(url);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(180));
        wait.until(d -> d.findElement(By.cssSelector("input[name='username']"))).sendKeys(user);
        driver.findElement(By.cssSelector("input[name='password']")).sendKeys(password, Keys.ENTER);
        wait.until(d -> d.findElement(By.cssSelector("zscope-live-chart")).getAttribute("data-newest") != null);
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? -1
                : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
