package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.storage.StorageException;
import io.github.jwtextended.spring.JwtSettingsException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code java -jar jwt-extended-spring-boot-sample.jar}: the example server as a Spring Boot
 * application on {@code jwt-extended-spring-boot-starter}, configured by the same environment
 * variables ({@link SampleSettings}, {@code JWT_*}). A bad setting stops the start with one line
 * naming it (for {@code JWT_*}: Spring Boot's "APPLICATION FAILED TO START" report of it) and exit
 * code 2; a database that cannot be opened gives exit code 1. Spring Security guards it
 * ({@link SecurityConfiguration}); Boot's generated-password user is left out, since the sample
 * checks passwords itself.
 *
 * <p>Thread safety: entry point.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class) // passwords: the sample's own /login
public class SampleApplication {
    static final String NAME = "jwt-extended-spring-boot-sample";

    public static void main(String[] args) {
        try {
            // Checked before Spring starts, so that a bad setting is one line rather than a failed context.
            StandardEnvironment env = new StandardEnvironment();
            SampleSettings.from(env::getProperty);
        } catch (SampleSettings.Invalid e) {
            System.err.println(NAME + ": invalid setting: " + e.getMessage());
            System.exit(2);
        }
        try {
            start(args);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof SampleSettings.Invalid) {
                    System.err.println(NAME + ": invalid setting: " + cause.getMessage());
                    System.exit(2);
                }
                if (cause instanceof JwtSettingsException) {
                    System.exit(2); // Spring Boot has printed it (JwtSettingsFailureAnalyzer)
                }
                if (cause instanceof StorageException) {
                    System.err.println(NAME + ": " + cause.getMessage());
                    System.exit(1);
                }
                cause = cause.getCause();
            }
            System.exit(1);
        }
    }

    /** Starts the application (its settings from the environment); the caller closes it. */
    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication app = new SpringApplication(SampleApplication.class);
        app.addInitializers(new SampleEnvironment());
        return app.run(args);
    }
}
