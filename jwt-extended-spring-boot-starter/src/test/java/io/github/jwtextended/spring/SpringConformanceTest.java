package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.conformance.ConformanceServer;
import io.github.jwtextended.conformance.ConformanceSuite;
import org.springframework.context.ConfigurableApplicationContext;

/** The core's conformance kit against the Spring Boot starter on embedded Tomcat. */
class SpringConformanceTest extends ConformanceSuite {
    @Override
    protected ConformanceServer start(JwtManager manager) {
        ConfigurableApplicationContext ctx = ConformanceApp.start(manager);
        int port = ConformanceApp.port(ctx);
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
