package dev.zscope.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in hardening on a real server (Tomcat, the production bundle), as a browser meets it:
 * the page Vaadin serves through a servlet forward, the session cookie as Tomcat writes it, and
 * redirects as they leave the server. Plain HTTP without a cookie jar, so every cookie and redirect
 * is seen as sent. Runs after {@code package} (failsafe), like {@code DashboardBrowserIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vaadin.productionMode=true",
        "ZSCOPE_ADMIN_PASSWORD=" + SignInHardeningIT.PASSWORD,
        "zscope.engine.simulator-enabled=false"})
class SignInHardeningIT {

    static final String PASSWORD = "hardening-secret";

    private static final Pattern NONCE = Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})' 'unsafe-eval';");

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", () -> Path.of("target", "it-data", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theLoginPageCarriesTheSecurityHeadersAndItsInlineScriptsTheirNonce() throws Exception {
        HttpResponse<String> page = get("/login", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertSecurityHeaders(page);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher nonce = NONCE.matcher(policy);
        assertThat(nonce.find()).as(policy).isTrue();
        assertThat(policy).isEqualTo(SecurityHeaders.pagePolicy(nonce.group(1)))
                .doesNotContain("'unsafe-inline' 'unsafe-eval'");

        Document html = Jsoup.parse(page.body());
        List<Element> inline = html.select("script:not([src])");
        assertThat(inline).as("Vaadin's inline scripts").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(script -> assertThat(script.attr("nonce")).isEqualTo(nonce.group(1)));

        String again = get("/login", null).headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(again).as("a fresh nonce per page").isNotEqualTo(policy).matches(".*" + NONCE.pattern() + ".*");
    }

    @Test
    void theLoginPageExposesTheCsrfTokenForTheForm() throws Exception {
        Document html = Jsoup.parse(get("/login", null).body());

        assertThat(html.select("meta[name=_csrf]").attr("content")).isNotBlank();
        assertThat(html.select("meta[name=_csrf_parameter]").attr("content")).isEqualTo("_csrf");
    }

    @Test
    void apiResponsesCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> api = get("/api/v1/streams", null);

        assertThat(api.statusCode()).isEqualTo(401);
        assertSecurityHeaders(api);
        assertThat(api.headers().firstValue("Content-Security-Policy")).contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndSessionsNeverAppearInUrls() throws Exception {
        HttpResponse<String> toLogin = get("/", null);

        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/login").doesNotContainIgnoringCase("jsessionid"));
        String setCookie = sessionSetCookie(toLogin);
        assertThat(setCookie).containsIgnoringCase("; SameSite=Lax").containsIgnoringCase("; HttpOnly");

        LoginPage login = loginPage();
        HttpResponse<String> wrong = post("/login", login.cookie(),
                Map.of("username", "admin", "password", "wrong", login.parameter(), login.token()));
        assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/login?error").doesNotContainIgnoringCase("jsessionid"));

        HttpResponse<String> right = post("/login", login.cookie(),
                Map.of("username", "admin", "password", PASSWORD, login.parameter(), login.token()));
        assertThat(right.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .doesNotContainIgnoringCase("jsessionid").doesNotContain(";"));
        assertThat(sessionSetCookie(right)).as("a new session id on sign-in").containsIgnoringCase("; SameSite=Lax");

        // A session id in the URL is not taken as a session.
        String sessionId = cookieValue(login.cookie());
        HttpResponse<String> urlSession = get("/;jsessionid=" + sessionId, null);
        assertThat(urlSession.statusCode()).isIn(302, 400);
        assertThat(urlSession.headers().firstValue("Location").orElse("")).doesNotContain("jsessionid");
    }

    @Test
    void signingInNeedsTheCsrfTokenOfTheLoginPage() throws Exception {
        LoginPage login = loginPage();

        HttpResponse<String> withoutToken = post("/login", login.cookie(),
                Map.of("username", "admin", "password", PASSWORD));
        assertThat(withoutToken.statusCode()).isEqualTo(302);
        assertThat(withoutToken.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?expired"));
        assertThat(get("/", login.cookie()).statusCode()).as("still signed out").isEqualTo(302);

        HttpResponse<String> forged = post("/login", login.cookie(),
                Map.of("username", "admin", "password", PASSWORD, login.parameter(), "forged-" + login.token()));
        assertThat(forged.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?expired"));

        HttpResponse<String> withToken = post("/login", login.cookie(),
                Map.of("username", "admin", "password", PASSWORD, login.parameter(), login.token()));
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(withToken.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("/login"));
        String signedIn = sessionSetCookie(withToken).split(";", 2)[0];
        HttpResponse<String> dashboard = get("/", signedIn);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertSecurityHeaders(dashboard);
    }

    /** A fresh session's login page: its cookie ({@code JSESSIONID=...}) and CSRF token. */
    private LoginPage loginPage() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/login", null);
        Document html = Jsoup.parse(page.body());
        return new LoginPage(sessionSetCookie(page).split(";", 2)[0],
                html.select("meta[name=_csrf_parameter]").attr("content"),
                html.select("meta[name=_csrf]").attr("content"));
    }

    private record LoginPage(String cookie, String parameter, String token) {
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("default-src 'self'; script-src 'self' ").contains("frame-ancestors 'none'"));
        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.headers().allValues("Referrer-Policy")).containsExactly("same-origin");
        assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
    }

    private static String sessionSetCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }

    private static String cookieValue(String cookie) {
        return cookie.substring(cookie.indexOf('=') + 1);
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
