package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.storage.Database;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starting the sample for tests: exactly as {@code java -jar} does, except that its environment
 * variables are the given map instead of the process's (which the test never reads).
 */
final class SampleServers {
    private SampleServers() {
    }

    static ConfigurableApplicationContext context(Map<String, String> env) {
        return context(env, List.of());
    }

    /** {@link #context(Map)} with more initializers after the sample's own (a test's extra beans). */
    static ConfigurableApplicationContext context(Map<String, String> env,
                                                  List<ApplicationContextInitializer<ConfigurableApplicationContext>> more) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(env)));
        SpringApplication app = new SpringApplication(SampleApplication.class);
        app.addInitializers(new SampleEnvironment());
        more.forEach(app::addInitializers);
        app.setEnvironment(environment);
        return app.run();
    }

    static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** A started sample as the shared {@link FlowContract} drives it. */
    static FlowContract.RunningServer running(Map<String, String> env) {
        ConfigurableApplicationContext ctx = context(env);
        int port = port(ctx);
        return new FlowContract.RunningServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void closeDatabase() {
                ctx.getBean(Database.class).close();
            }

            @Override
            public void stop() {
                ctx.close();
            }
        };
    }
}
