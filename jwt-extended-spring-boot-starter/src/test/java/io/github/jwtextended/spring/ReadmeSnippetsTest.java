package io.github.jwtextended.spring;

import io.github.jwtextended.fixtures.ReadmeSnippets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The Spring examples of the root README and of this module's README are the sources in
 * {@code readme/} ({@code Api}, run by {@link ReadmeQuickStartTest}; {@code SecurityConfig} and {@code SecureApi},
 * run by {@code security.ReadmeSecurityAppTest}), imports included.
 */
class ReadmeSnippetsTest {
    private static final Path API = Path.of("src/test/java/io/github/jwtextended/spring/readme/Api.java");
    private static final Path SECURITY = Path.of("src/test/java/io/github/jwtextended/spring/readme/SecurityConfig.java");
    private static final Path SECURE_API = Path.of("src/test/java/io/github/jwtextended/spring/readme/SecureApi.java");

    @Test
    void thisModulesReadmeIsCompiled() {
        ReadmeSnippets.assertCompiled(Path.of("README.md"), Map.of("spring-api", API, "spring-security", SECURITY, "spring-security-api", SECURE_API));
    }

    @Test
    void theRootReadmesSpringExampleIsCompiled() {
        ReadmeSnippets.assertCompiled(Path.of("../README.md"), Map.of("spring-api", API), Set.of("javalin-app"));
    }
}
