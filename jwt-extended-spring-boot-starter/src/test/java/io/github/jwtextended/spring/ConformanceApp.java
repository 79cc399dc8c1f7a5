package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.TreeMap;

/**
 * The conformance kit's routes as a Spring Boot application: {@code @JwtRequired} guards,
 * argument resolvers for the values, {@code ServletJwt} for cookies and verification by hand.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ConformanceApp.Routes.class)
class ConformanceApp {

    /** Starts the app on 127.0.0.1 and a free port with {@code manager} as its manager bean, plus {@code properties}. */
    static ConfigurableApplicationContext start(JwtManager manager, String... properties) {
        SpringApplicationBuilder b = new SpringApplicationBuilder(ConformanceApp.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "logging.level.root=warn", "spring.jmx.enabled=false")
                .properties(properties);
        if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith("spring.datasource.url="))) {
            b.properties("spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
        }
        if (manager != null) {
            b.initializers(ctx -> {
                ctx.getBeanFactory().registerSingleton("jwtConfig", manager.config());
                ctx.getBeanFactory().registerSingleton("jwtManager", manager);
            });
        }
        return b.run();
    }

    static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @RestController
    static class Routes {
        private static Map<String, Object> echo(Object id, Jwt jwt) {
            Map<String, Object> out = new TreeMap<>();
            out.put("id", id);
            out.put("loc", jwt.location() == null ? null : jwt.location().wireName());
            return out;
        }

        private static Map<String, Object> id(Object id) {
            Map<String, Object> out = new TreeMap<>();
            out.put("id", id);
            return out;
        }

        @RequestMapping("/protected")
        @JwtRequired
        Map<String, Object> protectedRoute(@JwtIdentity Object id, Jwt jwt) {
            return echo(id, jwt);
        }

        @GetMapping("/protected/deeper")
        @JwtRequired
        Map<String, Object> deeper(@JwtIdentity Object id, Jwt jwt) {
            return echo(id, jwt);
        }

        @RequestMapping(path = "/optional", method = {RequestMethod.GET, RequestMethod.POST})
        @JwtRequired(optional = true)
        Map<String, Object> optional(@JwtIdentity Object id) {
            return id(id);
        }

        @GetMapping("/fresh")
        @JwtRequired(fresh = true)
        Map<String, Object> fresh(@JwtIdentity Object id) {
            return id(id);
        }

        @RequestMapping(path = "/refresh", method = {RequestMethod.GET, RequestMethod.POST})
        @JwtRequired(refresh = true)
        Map<String, Object> refresh(@JwtIdentity Object id) {
            return id(id);
        }

        @GetMapping("/any-type")
        @JwtRequired(verifyType = false)
        Map<String, Object> anyType(@JwtIdentity Object id, @JwtClaims Map<String, Object> claims) {
            Map<String, Object> out = id(id);
            out.put("type", claims.get("type"));
            return out;
        }

        @GetMapping("/skip-revocation")
        @JwtRequired(skipRevocationCheck = true)
        Map<String, Object> skipRevocation(@JwtIdentity Object id) {
            return id(id);
        }

        @RequestMapping(path = "/claims", method = {RequestMethod.GET, RequestMethod.OPTIONS})
        @JwtRequired
        Map<String, Object> claims(@JwtClaims Map<String, Object> claims) {
            return new TreeMap<>(claims);
        }

        @GetMapping("/header")
        @JwtRequired
        Map<String, Object> header(HttpServletRequest request) {
            return new TreeMap<>(ServletJwt.jwt(request).header());
        }

        @GetMapping("/user")
        @JwtRequired
        Map<String, Object> user(@CurrentUser String user) {
            return Map.of("user", user);
        }

        @GetMapping("/verify-inside")
        Map<String, Object> verifyInside(HttpServletRequest request) {
            ServletJwt.verify(request, Guard.required().fresh(true));
            return id(ServletJwt.jwt(request).identity());
        }

        @GetMapping("/open")
        Map<String, Object> open() {
            return Map.of("ok", true);
        }

        @PostMapping("/cookies/login")
        Map<String, Object> login(HttpServletRequest request, HttpServletResponse response,
                                  @RequestHeader("X-Access-Token") String access, @RequestHeader("X-Refresh-Token") String refresh) {
            ServletJwt.setAccessCookies(request, response, access);
            ServletJwt.setRefreshCookies(request, response, refresh);
            return Map.of("ok", true);
        }

        @PostMapping("/cookies/logout")
        Map<String, Object> logout(HttpServletRequest request, HttpServletResponse response) {
            ServletJwt.unsetJwtCookies(request, response);
            return Map.of("ok", true);
        }
    }
}
