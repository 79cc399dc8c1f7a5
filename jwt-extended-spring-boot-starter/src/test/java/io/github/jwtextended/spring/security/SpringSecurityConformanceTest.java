package io.github.jwtextended.spring.security;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.conformance.ConformanceServer;
import io.github.jwtextended.conformance.ConformanceSuite;
import org.springframework.context.ConfigurableApplicationContext;

/** The core's conformance kit through Spring Security's filter chain ({@link JwtSecurityConfigurer}) on embedded Tomcat. */
class SpringSecurityConformanceTest extends ConformanceSuite {
    @Override
    protected ConformanceServer start(JwtManager manager) {
        ConfigurableApplicationContext ctx = SecurityConformanceApp.start(manager);
        int port = SecurityConformanceApp.port(ctx);
        return new ConformanceServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                ctx.close();
            }
        };
    }
}
