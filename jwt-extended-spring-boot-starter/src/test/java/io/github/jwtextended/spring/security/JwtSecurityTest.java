package io.github.jwtextended.spring.security;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.token.TokenOptions;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT inside Spring Security's chain, over HTTP on Tomcat: the {@link JwtAuthentication} the
 * application sees from every token location, anonymous access, {@code hasRole} from the roles
 * claim (by request rule and by method security on a service bean), the token-aware method rules,
 * JSON answers for every refusal, no session for any token request, and CSRF: the double submit for
 * cookie tokens, nothing asked of header tokens, Spring's token still required by the form login of
 * the same chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtSecurityTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableMethodSecurity
    @Import({Routes.class, Reports.class})
    static class App {
        @Bean
        SecurityFilterChain chain(HttpSecurity http) {
            return http
                    .authorizeHttpRequests(a -> a
                            .requestMatchers("/login", "/maybe").permitAll()
                            .requestMatchers("/admin").hasRole("admin")
                            .anyRequest().authenticated())
                    .formLogin(f -> f.loginPage("/login")) // a session area of the same application, with Spring's CSRF
                    .with(JwtSecurityConfigurer.jwt(), jwt -> jwt.stateless(false))
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("form").password("{noop}form-pass").roles("user").build());
        }
    }

    @Service
    static class Reports {
        @PreAuthorize("hasRole('admin')")
        public String adminReport() {
            return "for " + SecurityContextHolder.getContext().getAuthentication().getName();
        }

        @JwtFresh
        public String freshOnly() {
            return "fresh";
        }
    }

    @RestController
    static class Routes {
        private final Reports reports;
        private final JwtManager jwt;

        Routes(Reports reports, JwtManager jwt) {
            this.reports = reports;
            this.jwt = jwt;
        }

        @RequestMapping(path = "/me", method = {RequestMethod.GET, RequestMethod.POST})
        Map<String, Object> me(@AuthenticationPrincipal String user, JwtAuthentication auth) {
            Map<String, Object> out = new TreeMap<>();
            out.put("user", user);
            out.put("name", auth.getName());
            out.put("authorities", auth.getAuthorities().stream().map(Object::toString).sorted().toList());
            out.put("sub", auth.claims().get("sub"));
            out.put("type", auth.tokenType());
            out.put("location", auth.location().wireName());
            out.put("freshness", auth.freshness());
            out.put("alg", auth.header().get("alg"));
            out.put("credentials", String.valueOf(auth.getCredentials()));
            return out;
        }

        /** The form login's page, with Spring's CSRF token in the form. */
        @GetMapping(path = "/login", produces = "text/html")
        String loginPage(CsrfToken csrf) {
            return "<form method=\"post\"><input name=\"username\"><input name=\"password\" type=\"password\">"
                    + "<input name=\"_csrf\" type=\"hidden\" value=\"" + csrf.getToken() + "\"></form>";
        }

        @GetMapping("/maybe")
        Map<String, Object> maybe(JwtAuthentication auth) {
            Map<String, Object> out = new TreeMap<>();
            out.put("user", auth == null ? null : auth.getName());
            return out;
        }

        @GetMapping("/admin")
        Map<String, Object> admin() {
            return Map.of("admin", true);
        }

        @GetMapping("/report")
        Map<String, Object> report() {
            return Map.of("report", reports.adminReport());
        }

        @GetMapping("/fresh-only")
        Map<String, Object> freshOnly() {
            return Map.of("msg", reports.freshOnly());
        }

        @PostMapping("/logout")
        Map<String, Object> logout(JwtAuthentication auth) {
            jwt.revoke(auth.jwt());
            return Map.of("msg", "logout successful");
        }
    }

    private ConfigurableApplicationContext ctx;
    private String base;
    private JwtManager manager;

    @BeforeAll
    void start() {
        ctx = new SpringApplicationBuilder(App.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.jmx.enabled=false", "jwt.secret-key=" + SecurityConformanceApp.SECRET,
                        "jwt.token-location=headers,cookies,query_string,json",
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
                .run();
        base = "http://127.0.0.1:" + SecurityConformanceApp.port(ctx);
        manager = ctx.getBean(JwtManager.class);
    }

    @AfterAll
    void stop() {
        ctx.close();
    }

    private String token(String user, List<String> roles, boolean fresh) {
        return manager.createAccessToken(user, TokenOptions.defaults().withClaim("roles", roles).withFresh(fresh));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().allValues("Set-Cookie")).as("no session for %s", r.request().uri())
                .noneMatch(c -> c.startsWith("JSESSIONID"));
        return r;
    }

    private static HttpResponse<String> raw(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void theAuthenticationCarriesTheTokenFromEveryLocation() throws Exception {
        String t = token("alice", List.of("admin", "user"), true);
        String expected = "{\"alg\":\"HS256\",\"authorities\":[\"ROLE_admin\",\"ROLE_user\"],\"credentials\":\"null\","
                + "\"freshness\":true,\"location\":\"%s\",\"name\":\"alice\",\"sub\":\"alice\",\"type\":\"access\",\"user\":\"alice\"}";
        assertThat(send(get("/me").header("Authorization", "Bearer " + t)).body()).isEqualTo(expected.formatted("headers"));
        assertThat(send(get("/me").header("Cookie", "access_token_cookie=" + t)).body()).isEqualTo(expected.formatted("cookies"));
        assertThat(send(get("/me?jwt=" + URLEncoder.encode(t, StandardCharsets.UTF_8))).body()).isEqualTo(expected.formatted("query_string"));
        HttpResponse<String> json = send(post("/me", "{\"access_token\":\"" + t + "\"}").header("Content-Type", "application/json"));
        assertThat(json.statusCode()).as("a JSON token needs no Spring CSRF token").isEqualTo(200);
        assertThat(json.body()).isEqualTo(expected.formatted("json"));
    }

    @Test
    void withoutATokenAnOpenRouteIsAnonymousAndAClosedOneAnswersTheCoresJson() throws Exception {
        assertThat(send(get("/maybe")).body()).isEqualTo("{\"user\":null}");
        assertThat(send(get("/maybe").header("Authorization", "Bearer " + token("bob", List.of(), false))).body())
                .isEqualTo("{\"user\":\"bob\"}");
        HttpResponse<String> none = send(get("/me"));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"msg\":\"Missing JWT in headers, cookies, query_string or json (Missing Authorization Header;"
                + " Missing cookie \\\"access_token_cookie\\\"; Missing 'jwt' query paramater; Invalid content-type. Must be application/json.)\"}");
        assertThat(none.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
        assertThat(none.headers().firstValue("Location")).as("no redirect to the form login").isEmpty();
        HttpResponse<String> forged = send(get("/me").header("Authorization", "Bearer " + token("bob", List.of(), false) + "x"));
        assertThat(forged.statusCode()).isEqualTo(422);
        assertThat(forged.body()).isEqualTo("{\"msg\":\"Signature verification failed\"}");
    }

    @Test
    void rolesFromTheTokenByRuleAndByMethodSecurity() throws Exception {
        String admin = token("root", List.of("admin"), false);
        String user = token("joe", List.of("user"), false);
        assertThat(send(get("/admin").header("Authorization", "Bearer " + admin)).body()).isEqualTo("{\"admin\":true}");
        HttpResponse<String> denied = send(get("/admin").header("Authorization", "Bearer " + user));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("{\"msg\":\"Forbidden\"}");
        assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/json");

        assertThat(send(get("/report").header("Authorization", "Bearer " + admin)).body()).isEqualTo("{\"report\":\"for root\"}");
        HttpResponse<String> method = send(get("/report").header("Authorization", "Bearer " + user));
        assertThat(method.statusCode()).isEqualTo(403);
        assertThat(method.body()).isEqualTo("{\"msg\":\"Forbidden\"}");
    }

    /** With Actuator's ObservationRegistry: each verification of the chain, method security's included, is a jwt.verification observation. */
    @Test
    void eachVerificationOfTheChainIsAnObservation() throws Exception {
        List<Observation.Context> seen = VerificationObservations.record(ctx.getBean(ObservationRegistry.class));
        assertThat(send(get("/fresh-only").header("Cookie", "access_token_cookie=" + token("dana", List.of(), false))).statusCode())
                .isEqualTo(401);
        assertThat(seen).extracting(c -> c.getLowCardinalityKeyValue("outcome").getValue() + "@"
                        + c.getLowCardinalityKeyValue("location").getValue() + "/" + c.getLowCardinalityKeyValue("type").getValue())
                .as("the chain's filter, then @JwtFresh under its own guard")
                .containsExactly("success@cookies/access", "fresh_required@cookies/access");
    }

    @Test
    void freshnessByMethodSecurityIsTheCoresRule() throws Exception {
        HttpResponse<String> stale = send(get("/fresh-only").header("Authorization", "Bearer " + token("amy", List.of(), false)));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).isEqualTo("{\"msg\":\"Fresh token required\"}");
        assertThat(send(get("/fresh-only").header("Authorization", "Bearer " + token("amy", List.of(), true))).body())
                .isEqualTo("{\"msg\":\"fresh\"}");
    }

    @Test
    void csrfTheDoubleSubmitForCookieTokensSpringsTokenForTheFormLogin() throws Exception {
        String t = token("carl", List.of(), false);
        String csrf = manager.csrfToken(t);
        // A request whose token the core refused is no token request: Spring's CSRF check (on in this
        // chain, for its form login) sees it too, and stores a new token of its own in a session.
        HttpResponse<String> noHeader = raw(post("/me", "").header("Cookie", "access_token_cookie=" + t));
        assertThat(noHeader.statusCode()).isEqualTo(401);
        assertThat(noHeader.body()).isEqualTo("{\"msg\":\"Missing CSRF token\"}");
        HttpResponse<String> wrong = raw(post("/me", "").header("Cookie", "access_token_cookie=" + t).header("X-CSRF-TOKEN", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"msg\":\"CSRF double submit tokens do not match\"}");
        assertThat(send(post("/me", "").header("Cookie", "access_token_cookie=" + t).header("X-CSRF-TOKEN", csrf)).statusCode())
                .as("the double submit passes: Spring's CSRF token is not asked for").isEqualTo(200);
        assertThat(send(post("/me", "").header("Authorization", "Bearer " + t)).statusCode())
                .as("a header token is never asked for Spring's CSRF token").isEqualTo(200);

        // The form login of the same chain: Spring's CSRF token is required.
        HttpResponse<String> forged = HTTP.send(post("/login", "username=form&password=form-pass")
                .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> page = HTTP.send(get("/login").build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as("the login page carries Spring's CSRF token: %s %s", page.statusCode(), page.body()).isTrue();
        String session = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst()
                .orElseThrow().split(";")[0];
        HttpResponse<String> login = HTTP.send(post("/login", "username=form&password=form-pass&_csrf=" + m.group(1))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void postLogoutReachesTheApplicationAndRevokes() throws Exception {
        String t = token("dan", List.of(), false);
        HttpResponse<String> logout = send(post("/logout", "").header("Authorization", "Bearer " + t));
        assertThat(logout.statusCode()).as("not Spring's LogoutFilter redirect").isEqualTo(200);
        assertThat(logout.body()).isEqualTo("{\"msg\":\"logout successful\"}");
        HttpResponse<String> after = send(get("/me").header("Authorization", "Bearer " + t));
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
    }
}
