package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.ParsedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a real browser: Debian's headless Chromium driven through its chromedriver
 * ({@code apt-get install chromium chromium-driver}; nothing is downloaded). The server runs
 * in-process on a free port of 127.0.0.1. Screenshots go to {@code target/screenshots/}.
 *
 * <p>Skipped when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is absent (other
 * paths: {@code -Djwt.chromium=...}, {@code -Djwt.chromedriver=...}), unless
 * {@code -Djwt.requireServices=true}, which makes it fail instead.
 */
class BrowserFlowTest {
    static final Path CHROMIUM = Path.of(System.getProperty("jwt.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("jwt.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    /** Selenium warns that it has no DevTools bindings for this Chromium: none are used here. */
    static final java.util.logging.Logger CDP_LOG = quiet("org.openqa.selenium.devtools");

    static String unavailable;
    static Path dir;
    static Path profile;
    static Server server;
    static String base;
    static ChromeDriverService service;
    static WebDriver driver;
    final List<Server> extraServers = new ArrayList<>();

    @BeforeAll
    static void startBrowserAndServer() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "headless Chromium needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)";
            if (Boolean.getBoolean("jwt.requireServices")) {
                Assertions.fail(why + ": required (jwt.requireServices=true) but absent");
            }
            unavailable = why + ": absent, browser test skipped"; // each test reports the skip
            return;
        }
        dir = TestServers.tempDir("jwt-example-browser");
        profile = Files.createTempDirectory("jwt-example-chromium");
        Map<String, String> env = TestServers.baseEnv(dir);
        env.put("REFRESH_TOKEN_IN_BODY", "false"); // as a deployment for this page sets it: the page's scripts never see a refresh token
        server = TestServers.start(env);
        base = "http://127.0.0.1:" + server.port();
        Files.createDirectories(SCREENSHOTS);

        // The driver is named explicitly, so Selenium Manager (which would download one) is never run.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--lang=en-US",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopBrowserAndServer() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.stop();
        }
        TestServers.delete(dir);
        TestServers.delete(profile);
    }

    @BeforeEach
    void freshBrowserState() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        driver.manage().window().setSize(DESKTOP);
        driver.get(base + "/ping"); // an origin page to clear cookies on
        driver.manage().deleteAllCookies();
        consoleProblems(); // drop earlier entries
    }

    @AfterEach
    void noScriptOrPolicyErrors() {
        extraServers.forEach(Server::stop);
        if (driver == null) {
            return;
        }
        assertThat(consoleProblems()).as("console errors other than refused requests").isEmpty();
    }

    // ---- the flow -------------------------------------------------------------------------------

    @Test
    void loginWhoAmIRefreshLogoutWithCookiesAndCsrf() {
        open("/");
        // Every answer body the page's scripts read, to show that none holds a refresh token.
        js("window.seenBodies = []; const original = window.fetch;"
                + "window.fetch = (...a) => original(...a).then(r => { r.clone().text().then(t => window.seenBodies.push(t)); return r; });");
        logIn("testuser", "testpass");

        // The claims of the access token from the login answer, and a live countdown.
        assertThat(claim("sub")).isEqualTo("testuser");
        assertThat(claim("type")).isEqualTo("access");
        assertThat(claim("fresh")).startsWith("yes");
        assertThat(claim("roles")).isEqualTo("user");
        assertThat(claim("exp")).contains("(");
        String jti = claim("jti");
        String first = text("countdown");
        assertThat(first).matches("Expires in 1[45]:[0-5]\\d");
        waitFor(d -> !text("countdown").equals(first));
        assertThat(text("countdown")).matches("Expires in 1[45]:[0-5]\\d");

        // HttpOnly token cookies are invisible to scripts; the CSRF cookies are readable.
        String visible = (String) js("return document.cookie;");
        assertThat(visible).contains("csrf_access_token=", "csrf_refresh_token=")
                .doesNotContain("access_token_cookie").doesNotContain("refresh_token_cookie");
        Cookie access = driver.manage().getCookieNamed("access_token_cookie");
        assertThat(access).isNotNull();
        assertThat(access.isHttpOnly()).isTrue();
        assertThat(driver.manage().getCookieNamed("refresh_token_cookie").isHttpOnly()).isTrue();
        assertThat(driver.manage().getCookieNamed("csrf_access_token").isHttpOnly()).isFalse();
        assertThat(js("return localStorage.length + sessionStorage.length;")).as("nothing kept in storage").isEqualTo(0L);

        // Who am I: /protected answers, /admin refuses a plain user (403) in words.
        click("whoami-button");
        waitFor(d -> results().size() == 2);
        assertThat(results().get(0)).isEqualTo("GET /protected: you are testuser.");
        assertThat(results().get(1)).isEqualTo("GET /admin: You are signed in, but this area is for administrators only.");
        assertThat(driver.findElement(By.cssSelector("#results li:nth-child(2)")).getAttribute("class")).isEqualTo("refused");

        // The double submit: a POST with the cookies but without X-CSRF-TOKEN is refused.
        Map<String, Object> noHeader = fetch("POST", "/protected", null);
        assertThat(noHeader.get("status")).isEqualTo(401L);
        assertThat(noHeader.get("body")).isEqualTo("{\"msg\":\"Missing CSRF token\"}");
        Map<String, Object> wrongHeader = fetch("POST", "/protected", "not-the-cookie-value");
        assertThat(wrongHeader.get("status")).isEqualTo(401L);
        assertThat(wrongHeader.get("body")).isEqualTo("{\"msg\":\"CSRF double submit tokens do not match\"}");
        Map<String, Object> withHeader = fetch("POST", "/protected", "cookie:csrf_access_token");
        assertThat(withHeader.get("status")).isEqualTo(200L);
        assertThat(withHeader.get("body")).isEqualTo("{\"logged_in_as\":\"testuser\"}");
        screenshot("desktop-signed-in");

        // Refresh (with csrf_refresh_token): a new, not fresh, access token.
        click("refresh-button");
        waitFor(d -> claim("fresh").startsWith("no"));
        assertThat(claim("jti")).isNotEqualTo(jti);
        assertThat(text("status")).startsWith("New access token received");
        assertThat(fetch("GET", "/fresh", null).get("body")).isEqualTo("{\"msg\":\"Fresh token required\"}");
        assertThat(fetch("GET", "/protected", null).get("status")).isEqualTo(200L);
        screenshot("desktop-refreshed");
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) js("return window.seenBodies;");
        assertThat(seen).as("the login and the refresh answers were read").filteredOn(b -> b.contains("\"access_token\"")).hasSize(2);
        assertThat(seen).noneSatisfy(b -> assertThat(b).contains("refresh_token"));
        assertThat(seen).noneSatisfy(b -> assertThat(b).contains(driver.manage().getCookieNamed("refresh_token_cookie").getValue()));

        // Log out everywhere: the server of this branch may not have /logout-all yet.
        click("logout-all-button");
        if (hasRoute(server, "/logout-all")) {
            waitFor(d -> text("status").startsWith("You are logged out everywhere"));
            assertThat(panelShown("login-panel")).isTrue();
            logIn("testuser", "testpass");
        } else {
            waitFor(d -> text("status").startsWith("This server does not offer “log out everywhere”"));
            assertThat(panelShown("session-panel")).as("still logged in").isTrue();
            screenshot("desktop-logout-all-missing");
        }

        // Log out: tokens revoked, cookies cleared.
        click("logout-button");
        waitFor(d -> panelShown("login-panel"));
        assertThat(text("status")).isEqualTo("You are logged out: both tokens are revoked and the cookies are cleared.");
        assertThat((String) js("return document.cookie;")).doesNotContain("csrf_access_token").doesNotContain("csrf_refresh_token");
        assertThat(driver.manage().getCookieNamed("access_token_cookie")).isNull();
        Map<String, Object> after = fetch("GET", "/protected", null);
        assertThat(after.get("status")).isEqualTo(401L);
        screenshot("desktop-logged-out");

        // A reload starts at the login form without an error.
        open("/");
        waitFor(d -> panelShown("login-panel"));
        assertThat(driver.findElement(By.id("status")).isDisplayed()).isFalse();
    }

    /** The page lists the user's sessions; each has a "sign out" button, and "sign out other sessions" ends the rest. */
    @Test
    void theSessionsAreListedAndSignedOut() {
        open("/");
        logIn("testuser", "testpass");
        waitFor(d -> sessions().size() >= 1);
        click("logout-others-button"); // sessions other tests of this class left
        waitFor(d -> text("status").endsWith("signed out.") && sessions().size() == 1);

        String curlAccess = apiLogin("curl/8.5.0");
        apiLogin("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36");
        click("sessions-reload-button");
        waitFor(d -> sessions().size() == 3);
        List<String> listed = sessions();
        assertThat(listed).anySatisfy(t -> assertThat(t).startsWith("Chrome on Linux, 127.0.0.0/24 (this session): signed in"));
        assertThat(listed).anySatisfy(t -> assertThat(t).startsWith("curl, 127.0.0.0/24: signed in"));
        assertThat(listed).anySatisfy(t -> assertThat(t).startsWith("Chrome on Windows, 127.0.0.0/24: signed in"));
        assertThat(String.join("\n", listed)).doesNotContain("Mozilla").doesNotContain("HeadlessChrome");
        screenshot("desktop-sessions");

        // "Sign out" on the curl session: its tokens are revoked, this page stays signed in.
        String curlId = (String) js("return Array.from(document.querySelectorAll('#sessions li.session'))"
                + ".find(li => li.textContent.startsWith('curl')).dataset.session;");
        driver.findElement(By.cssSelector("#sessions li[data-session='" + curlId + "'] button")).click();
        waitFor(d -> text("status").equals("The session is signed out: its tokens are revoked on that device.") && sessions().size() == 2);
        assertThat(sessions()).noneSatisfy(t -> assertThat(t).startsWith("curl"));
        Client api = new Client(server.port(), false);
        assertThat(Client.msg(api.get("/protected", "Authorization", "Bearer " + curlAccess))).isEqualTo("Token has been revoked");
        assertThat(fetch("GET", "/protected", null).get("status")).isEqualTo(200L);

        // "Sign out other sessions": only this one is left.
        click("logout-others-button");
        waitFor(d -> text("status").equals("One other session is signed out.") && sessions().size() == 1);
        assertThat(sessions().get(0)).contains("(this session)");

        // "Sign out" on this session logs the page out.
        driver.findElement(By.cssSelector("#sessions li.current button")).click();
        waitFor(d -> panelShown("login-panel"));
        assertThat(text("status")).isEqualTo("This session is signed out: its tokens are revoked and the cookies are cleared.");
        assertThat(driver.manage().getCookieNamed("access_token_cookie")).isNull();
        assertThat(fetch("GET", "/protected", null).get("status")).isEqualTo(401L);
    }

    /** A login of testuser by another client, with this User-Agent; its access token. */
    static String apiLogin(String userAgent) {
        Client c = new Client(server.port(), false);
        java.net.http.HttpResponse<String> r = c.send(c.request("/login", "User-Agent", userAgent, "Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\": \"testuser\", \"password\": \"testpass\"}")));
        assertThat(r.statusCode()).isEqualTo(200);
        return Client.json(r).get("access_token").asText();
    }

    @SuppressWarnings("unchecked")
    static List<String> sessions() {
        return (List<String>) js("return Array.from(document.querySelectorAll('#sessions li.session .session-text'), s => s.textContent.trim());");
    }

    @Test
    void anAdminSeesTheAdminArea() {
        open("/");
        logIn("admin", "adminpass");
        assertThat(claim("roles")).isEqualTo("admin, user");
        click("whoami-button");
        waitFor(d -> results().size() == 2);
        assertThat(results()).containsExactly("GET /protected: you are admin.", "GET /admin: welcome to the admin area, admin.");

        // A reload keeps the session (cookies) but not the token (memory only) until the next refresh.
        open("/");
        waitFor(d -> panelShown("session-panel") && text("identity").equals("admin"));
        assertThat(claim("sub")).isEmpty();
        assertThat(text("countdown")).startsWith("The access token is in a cookie this page cannot read");
        click("refresh-button");
        waitFor(d -> claim("sub").equals("admin"));
        assertThat(claim("fresh")).startsWith("no");
        click("logout-button");
        waitFor(d -> panelShown("login-panel"));
    }

    @Test
    void errorsAreShownInWords() {
        open("/");
        waitFor(d -> panelShown("login-panel"));
        type("username", "testuser");
        type("password", "wrong-password");
        click("login-button");
        waitFor(d -> driver.findElement(By.id("status")).isDisplayed());
        assertThat(text("status")).isEqualTo("Wrong user name or password.");
        assertThat(driver.findElement(By.id("status")).getAttribute("class")).contains("error");
        screenshot("desktop-wrong-password");

        // A session revoked elsewhere: the page says so instead of showing {"msg": ...}.
        logIn("testuser", "testpass");
        Client other = new Client(server.port(), false);
        String cookie = driver.manage().getCookieNamed("access_token_cookie").getValue();
        assertThat(other.post("/logout", null, "Authorization", "Bearer " + cookie).statusCode()).isEqualTo(200);
        click("whoami-button");
        waitFor(d -> results().size() == 2);
        assertThat(results().get(0)).isEqualTo("GET /protected: This session has been logged out (its token is revoked). Log in again.");
        assertThat(text("status")).doesNotContain("{").doesNotContain("msg");
    }

    @Test
    void theCountdownReachesExpiryAndLogoutStillWorks() {
        Map<String, String> env = TestServers.baseEnv(dir.resolve("short"));
        env.put("JWT_ACCESS_TOKEN_EXPIRES", "3");
        Server shortLived = TestServers.start(env);
        extraServers.add(shortLived);
        String shortBase = "http://127.0.0.1:" + shortLived.port();
        driver.get(shortBase + "/");
        logIn("testuser", "testpass");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> text("countdown").startsWith("The access token has expired"));
        assertThat(driver.findElement(By.id("countdown")).getAttribute("class")).contains("expired");
        click("whoami-button");
        waitFor(d -> results().size() == 2);
        assertThat(results().get(0)).isEqualTo("GET /protected: Your token has expired.");
        screenshot("desktop-expired");
        // Logging out with an expired access token refreshes first, then revokes both.
        click("logout-button");
        waitFor(d -> panelShown("login-panel"));
        assertThat(text("status")).startsWith("You are logged out");
    }

    @Test
    void onAPhoneSizedScreen() {
        driver.manage().window().setSize(PHONE);
        open("/");
        waitFor(d -> panelShown("login-panel"));
        assertNoHorizontalScroll();
        screenshot("phone-login");
        logIn("admin", "adminpass");
        click("whoami-button");
        waitFor(d -> results().size() == 2);
        assertNoHorizontalScroll();
        screenshot("phone-signed-in");
        js("window.scrollTo(0, document.body.scrollHeight);");
        screenshot("phone-signed-in-bottom");
        click("logout-button");
        waitFor(d -> panelShown("login-panel"));
    }

    @Test
    void swaggerUiShowsEveryOperation() {
        open("/docs");
        JsonNode doc = Client.json(new Client(server.port(), false).get("/openapi.json"));
        int operations = 0;
        for (JsonNode path : doc.get("paths")) {
            for (String m : List.of("get", "post", "put", "patch", "delete")) {
                operations += path.has(m) ? 1 : 0;
            }
        }
        int expected = operations;
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector(".swagger-ui .opblock")).size() == expected);
        assertThat(driver.findElement(By.cssSelector(".swagger-ui .info .title")).getText()).startsWith("jwt-extended example server");
        assertThat(driver.findElements(By.cssSelector(".swagger-ui .errors-wrapper"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector(".swagger-ui .auth-wrapper .authorize")).isDisplayed()).isTrue();
        screenshot("desktop-docs");
        // Open the login operation and the Authorize dialog: more of Swagger UI renders, still within the policy.
        driver.findElement(By.cssSelector("#operations-auth-login .opblock-summary-control")).click();
        waitFor(d -> !d.findElements(By.cssSelector("#operations-auth-login .responses-wrapper")).isEmpty());
        // "Try it out" sends the example body to this server (connect-src 'self'): 200, and the cookies are set.
        driver.findElement(By.cssSelector("#operations-auth-login .try-out__btn")).click();
        driver.findElement(By.cssSelector("#operations-auth-login .execute")).click();
        waitFor(d -> !d.findElements(By.cssSelector("#operations-auth-login .live-responses-table tr.response .response-col_status")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#operations-auth-login .live-responses-table tr.response .response-col_status")).getText())
                .startsWith("200");
        assertThat(driver.manage().getCookieNamed("access_token_cookie")).isNotNull();
        js("arguments[0].scrollIntoView();", driver.findElement(By.cssSelector("#operations-auth-login .live-responses-table")));
        screenshot("desktop-docs-login");
        js("window.scrollTo(0, 0);");
        driver.findElement(By.cssSelector(".swagger-ui .auth-wrapper .authorize")).click();
        waitFor(d -> !d.findElements(By.cssSelector(".swagger-ui .auth-container")).isEmpty());
        assertThat(driver.findElements(By.cssSelector(".swagger-ui .auth-container h4")))
                .extracting(WebElement::getText).anySatisfy(t -> assertThat(t).contains("bearerAuth"))
                .anySatisfy(t -> assertThat(t).contains("csrfHeader"));
        screenshot("desktop-docs-authorize");
    }

    @Test
    void theBrowserEnforcesThePagePolicy() {
        open("/");
        waitFor(d -> panelShown("login-panel"));
        // An injected inline script does not run, and the refusal reaches the console this test reads.
        js("const s = document.createElement('script'); s.textContent = 'window.injected = true;'; document.head.append(s);");
        assertThat(js("return window.injected === true;")).isEqualTo(false);
        List<String> problems = consoleProblems();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("Content Security Policy"));
    }

    // ---- helpers --------------------------------------------------------------------------------

    static void open(String path) {
        driver.get(base + path);
    }

    static void logIn(String user, String password) {
        waitFor(d -> panelShown("login-panel"));
        type("username", user);
        type("password", password);
        click("login-button");
        waitFor(d -> panelShown("session-panel") && text("identity").equals(user) && !claim("sub").isEmpty());
    }

    static void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    static void click(String id) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    static String text(String id) {
        return ((String) js("return document.getElementById(arguments[0]).textContent;", id)).strip();
    }

    static boolean panelShown(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    /** Read in one script, so that a re-rendering page never leaves a stale element. */
    static String claim(String name) {
        Object t = js("const dd = document.querySelector(\"#claims [data-claim='\" + arguments[0] + \"'] dd\");"
                + " return dd ? dd.textContent.trim() : '';", name);
        return (String) t;
    }

    @SuppressWarnings("unchecked")
    static List<String> results() {
        return (List<String>) js("return Array.from(document.querySelectorAll('#results li:not(.muted)'), li => li.textContent.trim());");
    }

    static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition::apply);
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * A fetch from the page's own scripts, with the browser's cookies. {@code csrf}: null for no
     * header, {@code cookie:NAME} for the value of that cookie, else the literal value.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fetch(String method, String path, String csrf) {
        Object r = ((JavascriptExecutor) driver).executeAsyncScript(
                "const [method, path, csrf, done] = arguments;"
                        + "const headers = {};"
                        + "if (csrf) {"
                        + "  let v = csrf;"
                        + "  if (csrf.startsWith('cookie:')) {"
                        + "    const name = csrf.slice(7);"
                        + "    v = document.cookie.split('; ').find(c => c.startsWith(name + '=')).slice(name.length + 1);"
                        + "  }"
                        + "  headers['X-CSRF-TOKEN'] = v;"
                        + "}"
                        + "fetch(path, {method, headers, credentials: 'same-origin'})"
                        + "  .then(r => r.text().then(body => done({status: r.status, body: body})))"
                        + "  .catch(e => done({status: -1, body: String(e)}));",
                method, path, csrf);
        return new HashMap<>((Map<String, Object>) r);
    }

    static void assertNoHorizontalScroll() {
        Object overflow = js("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).longValue()).as("page wider than the screen").isLessThanOrEqualTo(0L);
    }

    static void screenshot(String name) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new AssertionError("cannot save the screenshot " + name, e);
        }
    }

    /** Browser console entries that are not the expected refusals (a 401/403/404 answer is logged by Chromium too). */
    static List<String> consoleProblems() {
        List<String> problems = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            String m = e.getMessage();
            boolean refusal = m.contains("Failed to load resource: the server responded with a status of 4");
            if (e.getLevel().intValue() >= Level.WARNING.intValue() && !refusal) {
                problems.add(e.getLevel() + " " + m);
            }
        }
        return problems;
    }

    static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(Level.SEVERE);
        return l;
    }

    static boolean hasRoute(Server s, String path) {
        for (ParsedEndpoint p : s.javalin().unsafe.internalRouter.allHttpHandlers()) {
            if (p.endpoint.path.equals(path) && p.endpoint.method.isHttpMethod()) {
                return true;
            }
        }
        return false;
    }
}
