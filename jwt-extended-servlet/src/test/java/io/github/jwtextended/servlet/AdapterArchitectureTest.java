package io.github.jwtextended.servlet;

import io.github.jwtextended.fixtures.AdapterArchitecture;
import org.junit.jupiter.api.Test;

/** the servlet filter uses the core through its API only (the rule: {@link AdapterArchitecture}). */
class AdapterArchitectureTest {
    @Test
    void usesOnlyTheCoreApi() {
        AdapterArchitecture.checkUsesOnlyTheCoreApi("io.github.jwtextended.servlet", JwtFilter.class);
    }
}
