package io.github.jwtextended.javalin;

import io.github.jwtextended.fixtures.ReadmeSnippets;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root README's Javalin example is {@code readme/App.java} (which {@link JavaApiReadabilityTest}
 * runs), imports included; its Spring example is compiled by the starter's tests. Every other
 * README's Java is compiled by its own module's {@code ReadmeSnippetsTest}, and the modules without
 * one have no Java snippet.
 */
class ReadmeSnippetsTest {
    /** The modules whose README snippets their own tests compile. */
    private static final Set<String> MODULES_WITH_SNIPPETS = Set.of("jwt-extended-jdbc", "jwt-extended-redis",
            "jwt-extended-servlet", "jwt-extended-spring-boot-starter");

    @Test
    void theRootReadmesJavalinExampleIsCompiledAndRun() {
        ReadmeSnippets.assertCompiled(Path.of("../README.md"), Map.of("javalin-app", JavaApiReadabilityTest.APP_SOURCE),
                Set.of("spring-api"));
    }

    @Test
    void everyModuleReadmesJavaIsCompiledSomewhere() throws IOException {
        List<Path> readmes;
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            readmes = modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(readmes).extracting(p -> p.getParent().getFileName().toString()).contains("jwt-extended-example");
        for (Path readme : readmes) {
            Map<String, String> snippets = ReadmeSnippets.snippets(readme);   // every Java block is marked
            if (!MODULES_WITH_SNIPPETS.contains(readme.getParent().getFileName().toString())) {
                assertThat(snippets).as("Java snippets of %s, which no test compiles", readme).isEmpty();
            }
        }
    }
}
