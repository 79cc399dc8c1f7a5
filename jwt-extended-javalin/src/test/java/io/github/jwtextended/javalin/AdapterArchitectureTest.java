package io.github.jwtextended.javalin;

import io.github.jwtextended.fixtures.AdapterArchitecture;
import org.junit.jupiter.api.Test;

/** the Javalin plugin uses the core through its API only (the rule: {@link AdapterArchitecture}). */
class AdapterArchitectureTest {
    @Test
    void usesOnlyTheCoreApi() {
        AdapterArchitecture.checkUsesOnlyTheCoreApi("io.github.jwtextended.javalin", JwtPlugin.class);
    }
}
