package dev.zscope.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fault suite's password-guessing run on a real server: 1,000 wrong sign-ins from 10 parallel
 * sessions cost the attacker all but a handful of checks, the login page keeps answering, and the
 * real user is never locked out: the right password works within the longest wait (30 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vaadin.productionMode=true",
        "zscope.security.users[0].username=" + SignInFloodIT.USER,
        "zscope.security.users[0].password={noop}" + SignInFloodIT.PASSWORD,
        "zscope.security.users[0].roles=ADMIN",
        "zscope.engine.simulator-enabled=false"})
class SignInFloodIT {

    static final String USER = "flood";
    static final String PASSWORD = "flood-secret-password";
    private static final int ATTEMPTS = 1_000;
    private static final int PARALLEL = 10;

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", () -> Path.of("target", "it-data", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aThousandWrongPasswordsAreMostlyRefusedUncheckedAndTheRightOneStillWorks() throws Exception {
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicLong slowestLoginPage = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL + 1);
        try {
            List<Future<?>> guessers = new ArrayList<>();
            for (int t = 0; t < PARALLEL; t++) {
                int thread = t;
                guessers.add(pool.submit(() -> {
                    LoginPage page = loginPage();
                    for (int i = 0; i < ATTEMPTS / PARALLEL; i++) {
                        String location = signIn(page, "guess-" + thread + "-" + i).headers().firstValue("Location")
                                .orElse("");
                        if (location.endsWith("/login?error")) {
                            checked.incrementAndGet();
                        } else if (location.contains("/login?wait=")) {
                            refused.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Future<?> watcher = pool.submit(() -> {
                while (guessers.stream().anyMatch(f -> !f.isDone())) {
                    long t0 = System.nanoTime();
                    assertThat(get("/login", null).statusCode()).isEqualTo(200);
                    slowestLoginPage.accumulateAndGet(System.nanoTime() - t0, Math::max);
                }
                return null;
            });
            for (Future<?> f : guessers) {
                f.get();
            }
            watcher.get();
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("sign-in flood: %d wrong passwords in %.1f s from %d sessions: %d checked, %d refused"
                        + " unchecked, slowest GET /login %.0f ms%n", ATTEMPTS, seconds, PARALLEL, checked.get(),
                refused.get(), slowestLoginPage.get() / 1e6);
        assertThat(other.get()).as("every attempt answered as a failure or a wait").isZero();
        assertThat(checked.get() + refused.get()).isEqualTo(ATTEMPTS);
        // 5 free failures, then one check per 1, 2, 4, 8, 16, 30, 30... s: a handful in the run's time.
        assertThat(checked.get()).isLessThanOrEqualTo(5 + 6 + (int) (seconds / 30));
        assertThat(slowestLoginPage.get()).isLessThan(Duration.ofSeconds(5).toNanos());

        LoginPage page = loginPage();
        long before = System.nanoTime();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                .until(() -> signIn(page, PASSWORD).headers().firstValue("Location")
                        .filter(l -> !l.contains("/login")).isPresent());
        System.out.printf("sign-in flood: the right password worked %.1f s later%n", (System.nanoTime() - before) / 1e9);
    }

    private HttpResponse<String> signIn(LoginPage page, String password) throws IOException, InterruptedException {
        String body = "username=" + USER + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&" + page.parameter() + "=" + URLEncoder.encode(page.token(), StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", page.cookie())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private LoginPage loginPage() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/login", null);
        Document html = Jsoup.parse(page.body());
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow().split(";", 2)[0];
        return new LoginPage(cookie, html.select("meta[name=_csrf_parameter]").attr("content"),
                html.select("meta[name=_csrf]").attr("content"));
    }

    private record LoginPage(String cookie, String parameter, String token) {
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
