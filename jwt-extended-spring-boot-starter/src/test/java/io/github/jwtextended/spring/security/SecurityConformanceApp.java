package io.github.jwtextended.spring.security;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.TreeMap;

/**
 * The conformance kit's routes as a Spring Security application: no {@code @JwtRequired}; the
 * chain's rules say what each route needs ({@link JwtAuthorization} managers, one configurer
 * guard for the refresh route), and the handlers read the {@link JwtAuthentication}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SecurityConformanceApp.Routes.class)
class SecurityConformanceApp {
    static final String SECRET = "spring-security-test-only-secret-key-long-enough-0123";

    @Bean
    SecurityFilterChain api(HttpSecurity http) {
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.OPTIONS).permitAll()
                        .requestMatchers("/open", "/verify-inside", "/cookies/**").permitAll()
                        .requestMatchers("/optional").access(JwtAuthorization.optional())
                        .requestMatchers("/fresh").access(JwtAuthorization.fresh())
                        .requestMatchers("/any-type").access(JwtAuthorization.anyTokenType())
                        .requestMatchers("/skip-revocation").access(JwtAuthorization.guard(Guard.required().skipRevocationCheck(true)))
                        .anyRequest().authenticated())
                .csrf(c -> c.disable()) // a token API without sessions: cookie tokens get the double-submit check
                .with(JwtSecurityConfigurer.jwt(), jwt -> jwt.guard("/refresh", Guard.required().refresh(true)))
                .build();
    }

    /** Starts the app on 127.0.0.1 and a free port; with {@code manager} as its manager bean unless null. */
    static ConfigurableApplicationContext start(JwtManager manager, String... properties) {
        SpringApplicationBuilder b = new SpringApplicationBuilder(SecurityConformanceApp.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "logging.level.root=warn", "spring.jmx.enabled=false",
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
                .properties(properties);
        if (manager != null) {
            b.initializers(ctx -> {
                ctx.getBeanFactory().registerSingleton("jwtConfig", manager.config());
                ctx.getBeanFactory().registerSingleton("jwtManager", manager);
            });
        } else {
            b.properties("jwt.secret-key=" + SECRET);
        }
        return b.run();
    }

    static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @RestController
    static class Routes {
        private static Map<String, Object> echo(JwtAuthentication auth) {
            Map<String, Object> out = new TreeMap<>();
            out.put("id", auth.jwt().identity());
            out.put("loc", auth.location() == null ? null : auth.location().wireName());
            return out;
        }

        private static Map<String, Object> id(JwtAuthentication auth) {
            Map<String, Object> out = new TreeMap<>();
            out.put("id", auth == null ? null : auth.jwt().identity());
            return out;
        }

        @RequestMapping("/protected")
        Map<String, Object> protectedRoute(JwtAuthentication auth) {
            return echo(auth);
        }

        @GetMapping("/protected/deeper")
        Map<String, Object> deeper(JwtAuthentication auth) {
            return echo(auth);
        }

        @RequestMapping(path = "/optional", method = {RequestMethod.GET, RequestMethod.POST})
        Map<String, Object> optional(JwtAuthentication auth) {
            return id(auth);
        }

        @GetMapping("/fresh")
        Map<String, Object> fresh(JwtAuthentication auth) {
            return id(auth);
        }

        @RequestMapping(path = "/refresh", method = {RequestMethod.GET, RequestMethod.POST})
        Map<String, Object> refresh(JwtAuthentication auth) {
            return id(auth);
        }

        @GetMapping("/any-type")
        Map<String, Object> anyType(JwtAuthentication auth) {
            Map<String, Object> out = id(auth);
            out.put("type", auth.claims().get("type"));
            return out;
        }

        @GetMapping("/skip-revocation")
        Map<String, Object> skipRevocation(JwtAuthentication auth) {
            return id(auth);
        }

        @RequestMapping(path = "/claims", method = {RequestMethod.GET, RequestMethod.OPTIONS})
        Map<String, Object> claims(JwtAuthentication auth) {
            return auth == null ? new TreeMap<>() : new TreeMap<>(auth.claims());
        }

        @GetMapping("/header")
        Map<String, Object> header(JwtAuthentication auth) {
            return new TreeMap<>(auth.header());
        }

        @GetMapping("/user")
        Map<String, Object> user(JwtAuthentication auth) {
            return Map.of("user", auth.currentUser());
        }

        @GetMapping("/verify-inside")
        Map<String, Object> verifyInside(HttpServletRequest request) {
            ServletJwt.verify(request, Guard.required().fresh(true));
            Map<String, Object> out = new TreeMap<>();
            out.put("id", ServletJwt.jwt(request).identity());
            return out;
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
