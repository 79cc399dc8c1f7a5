package io.github.jwtextended.spring;

import io.github.jwtextended.fixtures.AdapterArchitecture;
import org.junit.jupiter.api.Test;

/** the Spring Boot starter uses the core through its API only (the rule: {@link AdapterArchitecture}). */
class AdapterArchitectureTest {
    @Test
    void usesOnlyTheCoreApi() {
        AdapterArchitecture.checkUsesOnlyTheCoreApi("io.github.jwtextended.spring", JwtAutoConfiguration.class);
    }
}
