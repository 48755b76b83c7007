package dev.zscope.fault;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack that once made the server unresponsive for minutes: one signed-in VIEWER opens UIs
 * ({@code v-r=init}) from 10 parallel connections for a minute, with {@code -Xmx512m}. During and
 * right after it, {@code GET /login} answers 200 and an ingest POST to a new stream answers 2xx,
 * each within 5 s; the heap after a full GC is printed for the closing note (not asserted).
 */
class ViewerAttackIT {

    private static final int CONNECTIONS = 10;
    private static final Duration ATTACK = Duration.ofSeconds(Long.getLong("zscope.attack.seconds", 60));
    private static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void oneViewerOpeningUisFromTenConnectionsCannotStarveEveryoneElse() throws Exception {
        try (AppProcess app = AppProcess.start(dir.resolve("data"),
                "--zscope.security.users[0].username=victor",
                "--zscope.security.users[0].password={noop}viewer-secret-password",
                "--zscope.security.users[0].roles=VIEWER")) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(LIMIT).build();
            String session = signIn(http, app.base());
            AtomicInteger opened = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicLong slowestLogin = new AtomicLong();
            AtomicLong slowestIngest = new AtomicLong();
            long end = System.nanoTime() + ATTACK.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            List<Future<?>> attackers = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                attackers.add(pool.submit(() -> {
                    HttpClient own = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                    while (System.nanoTime() < end) {
                        try {
                            HttpResponse<String> init = own.send(HttpRequest.newBuilder(URI.create(app.base()
                                            + "/?v-r=init&location=streams&query=")).header("Cookie", session)
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                            // A UI was made when the answer carries its id (the attack's cost).
                            (init.statusCode() == 200 && init.body().contains("\"v-uiId\"") ? opened : refused)
                                    .incrementAndGet();
                        } catch (IOException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            int probe = 0;
            while (System.nanoTime() < end + LIMIT.toNanos() * 2) { // during the attack and right after it
                probe(http, app, probe++, slowestLogin, slowestIngest);
                // about two rounds a second: each makes a stream, and thousands of them would fill the
                // heap by themselves (the engine then refuses new streams with 409, as it should)
                await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            for (Future<?> f : attackers) {
                f.get();
            }
            System.out.printf("viewer attack: %d UIs opened (%d refused) in %d s from %d connections; slowest"
                            + " GET /login %.0f ms, slowest ingest %.0f ms; %s%n", opened.get(), refused.get(),
                    ATTACK.toSeconds(), CONNECTIONS, slowestLogin.get() / 1e6, slowestIngest.get() / 1e6, heap(app));
            assertThat(app.isAlive()).isTrue();
            assertThat(opened.get()).as("the attack really opened UIs").isGreaterThan(CONNECTIONS);
        }
    }

    /** One round of what other users do: the login page and a point posted to a new stream, each within 5 s. */
    private static void probe(HttpClient http, AppProcess app, int n, AtomicLong slowestLogin, AtomicLong slowestIngest)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(app.base() + "/login"))
                .timeout(LIMIT).build(), HttpResponse.BodyHandlers.discarding());
        long t1 = System.nanoTime();
        HttpResponse<String> ingest = http.send(HttpRequest.newBuilder(URI.create(app.base()
                        + "/api/v1/streams/probe-" + n + "/points")).timeout(LIMIT)
                .header("Authorization", "Bearer " + AppProcess.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 1.5}")).build(), HttpResponse.BodyHandlers.ofString());
        long t2 = System.nanoTime();
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(ingest.statusCode()).as(ingest.body()).isBetween(200, 299);
        slowestLogin.accumulateAndGet(t1 - t0, Math::max);
        slowestIngest.accumulateAndGet(t2 - t1, Math::max);
        assertThat(Duration.ofNanos(t1 - t0)).isLessThan(LIMIT);
        assertThat(Duration.ofNanos(t2 - t1)).isLessThan(LIMIT);
    }

    /** Signs in through the form, as a browser does; returns the session cookie. */
    private static String signIn(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Document html = Jsoup.parse(page.body());
        String cookie = sessionCookie(page);
        String body = "username=victor&password=viewer-secret-password&"
                + html.select("meta[name=_csrf_parameter]").attr("content") + "="
                + URLEncoder.encode(html.select("meta[name=_csrf]").attr("content"), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("/login"));
        return sessionCookie(signedIn);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie")).split(";", 2)[0];
    }

    /** The heap in use after a full collection, from {@code jcmd}; for the report only. */
    private static String heap(AppProcess app) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "GC.run").redirectErrorStream(true)
                    .start().waitFor(30, TimeUnit.SECONDS);
            Process info = new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String heap = "heap after a full GC: " + out.lines().filter(l -> l.contains("used")).findFirst().orElse(out).strip();
            if (Boolean.getBoolean("zscope.attack.histogram")) { // what holds the heap, for a closer look
                Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "GC.class_histogram")
                        .redirectErrorStream(true).start();
                heap += "\n" + new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                        .limit(25).collect(java.util.stream.Collectors.joining("\n"));
            }
            return heap;
        } catch (IOException | InterruptedException e) {
            return "heap unknown (" + e + ")";
        }
    }
}
