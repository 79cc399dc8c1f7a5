package io.github.jwtextended.config;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.key.JwsAlgorithm;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A refusal at startup names the setting the way the application gave it: the builder method
 * ({@code secretKey(...)}) to a Java user, the key ({@code JWT_SECRET_KEY}) to one configuring
 * through {@link FlaskConfig}, a property ({@code jwt.secret-key}) to a front end with properties.
 */
class SettingNamesTest {
    private static final SettingNames PROPERTIES = SettingNames.properties("jwt");

    /** A configuration from flask-style keys, named by {@code names}, built. */
    private static JwtConfig load(SettingNames names, Map<String, String> settings) {
        return FlaskConfig.load(settings, names).build();
    }

    @Test
    void aMissingSecretIsNamedAsTheUserWouldGiveIt() {
        String rest = " must be set when using symmetric algorithm \"HS256\"";
        assertThatThrownBy(() -> JwtConfig.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("secretKey(...)" + rest);
        assertThatThrownBy(() -> FlaskConfig.load(Map.of()).build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("JWT_SECRET_KEY" + rest);
        assertThatThrownBy(() -> load(PROPERTIES, Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessage("jwt.secret-key" + rest);
    }

    @Test
    void aShortSecretIsNamedAsGivenAndNeverShown() {
        String rest = " is 5 bytes; HS256 needs at least 32 bytes";
        assertThatThrownBy(() -> JwtConfig.builder().secretKey("short").build()).hasMessageStartingWith("secretKey(...)" + rest)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", "short")).build()).hasMessageStartingWith("JWT_SECRET_KEY" + rest);
        assertThatThrownBy(() -> load(PROPERTIES, Map.of("JWT_SECRET_KEY", "short"))).hasMessageStartingWith("jwt.secret-key" + rest);
        // flask's SECRET_KEY, used when JWT_SECRET_KEY is absent, is named as such.
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("SECRET_KEY", "short")).build()).hasMessageStartingWith("SECRET_KEY" + rest);
    }

    @Test
    void aBadTokenLocationIsNamedAsGiven() {
        assertThatThrownBy(() -> JwtConfig.builder().secretKey(SECRET_64).tokenLocations(List.of()).build())
                .hasMessage("tokenLocations(...) must contain at least one of \"headers\", \"cookies\", \"query_string\", or \"json\"");
        String rest = " can only contain \"headers\", \"cookies\", \"query_string\", or \"json\"";
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_TOKEN_LOCATION", "headers,body")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("JWT_TOKEN_LOCATION" + rest);
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_TOKEN_LOCATION", "headers,body"), PROPERTIES))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jwt.token-location" + rest);
    }

    @Test
    void aBadCookieSettingIsNamedAsGiven() {
        String rest = " must be Lax, Strict or None";
        assertThatThrownBy(() -> JwtConfig.builder().secretKey(SECRET_64).cookieSameSite("Relaxed").build())
                .hasMessage("cookieSameSite(...)" + rest);
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_COOKIE_SAMESITE", "Relaxed")).build())
                .hasMessage("JWT_COOKIE_SAMESITE" + rest);
        assertThatThrownBy(() -> load(PROPERTIES, Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_COOKIE_SAMESITE", "Relaxed")))
                .hasMessage("jwt.cookie-samesite" + rest);
        // A value FlaskConfig cannot read at all is refused there, under the same names.
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_COOKIE_SECURE", "sometimes"))).hasMessage("JWT_COOKIE_SECURE must be true or false");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_COOKIE_SECURE", "sometimes"), PROPERTIES))
                .hasMessage("jwt.cookie-secure must be true or false");
        assertThatThrownBy(() -> JwtConfig.builder().secretKey(SECRET_64).accessCookiePath("nope").build())
                .hasMessage("accessCookiePath(...) must be a path starting with /");
        assertThatThrownBy(() -> load(PROPERTIES, Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_ACCESS_COOKIE_PATH", "nope")))
                .hasMessage("jwt.access-cookie-path must be a path starting with /");
    }

    @Test
    void aLeewayAndATokenLengthAreNamedAsGiven() {
        assertThatThrownBy(() -> JwtConfig.builder().secretKey(SECRET_64).leeway(Duration.ofSeconds(301)).build())
                .hasMessage("leeway(...) must be between 0 and 300 seconds");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_DECODE_LEEWAY", "301")).build())
                .hasMessage("JWT_DECODE_LEEWAY must be between 0 and 300 seconds");
        assertThatThrownBy(() -> load(PROPERTIES, Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_MAX_TOKEN_LENGTH", "10")))
                .hasMessage("jwt.max-token-length must be at least 256 characters");
    }

    /** Keys from FlaskConfig keep their names on a Java builder's own options, and the other way round. */
    @Test
    void aMixedBuilderNamesEachOptionAsItWasGiven() {
        JwtConfig.Builder javaThenKeys = FlaskConfig.apply(JwtConfig.builder().secretKey(SECRET_64).cookieSameSite("Relaxed"),
                Map.of("JWT_DECODE_LEEWAY", "5"));
        assertThatThrownBy(javaThenKeys::build).hasMessage("cookieSameSite(...) must be Lax, Strict or None");
        JwtConfig.Builder keysOnJava = FlaskConfig.apply(JwtConfig.builder().secretKey(SECRET_64), Map.of("JWT_COOKIE_SAMESITE", "Relaxed"));
        assertThatThrownBy(keysOnJava::build).hasMessage("JWT_COOKIE_SAMESITE must be Lax, Strict or None");
    }

    /** A refusal made after the configuration was built (the manager's) names the setting as given too. */
    @Test
    void theManagersRefusalUsesTheConfigurationsNames() {
        assertThatThrownBy(() -> JwtManager.builder(JwtConfig.builder().algorithm(JwsAlgorithm.RS256).build()).build())
                .hasMessageStartingWith("algorithm(...) RS256 needs keys: privateKey(...) and/or publicKey(...)");
        assertThatThrownBy(() -> JwtManager.builder(FlaskConfig.load(Map.of("JWT_ALGORITHM", "RS256")).build()).build())
                .hasMessageStartingWith("JWT_ALGORITHM RS256 needs keys: JWT_PRIVATE_KEY and/or JWT_PUBLIC_KEY");
        JwtConfig viaProperties = load(PROPERTIES, Map.of("JWT_ALGORITHM", "RS256"));
        assertThatThrownBy(() -> JwtManager.builder(viaProperties.toBuilder().build()).build())
                .as("kept by toBuilder").hasMessageStartingWith("jwt.algorithm RS256 needs keys: jwt.private-key and/or jwt.public-key");
    }

    /** Every Java name is a method of the builder, so a Java user can find what the message names. */
    @Test
    void everyJavaNameIsABuilderMethod() {
        Set<String> methods = Arrays.stream(JwtConfig.Builder.class.getMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == JwtConfig.Builder.class)
                .map(Method::getName).collect(Collectors.toSet());
        for (String key : FlaskConfig.knownKeys()) {
            String name = SettingNames.JAVA.name(key);
            assertThat(name).as(key).endsWith("(...)");
            assertThat(methods).as("the builder method named for %s", key).contains(name.substring(0, name.length() - "(...)".length()));
        }
    }

    @Test
    void propertiesAreKebabCaseUnderThePrefix() {
        assertThat(PROPERTIES.name("JWT_SECRET_KEY")).isEqualTo("jwt.secret-key");
        assertThat(PROPERTIES.name("JWT_COOKIE_CSRF_PROTECT")).isEqualTo("jwt.cookie-csrf-protect");
        assertThat(SettingNames.FLASK.name("JWT_COOKIE_CSRF_PROTECT")).isEqualTo("JWT_COOKIE_CSRF_PROTECT");
        assertThat(SettingNames.JAVA.name("JWT_COOKIE_CSRF_PROTECT")).isEqualTo("csrfProtect(...)");
        assertThat(SettingNames.JAVA.name("JWT_ACCESS_CSRF_HEADER_NAME")).isEqualTo("accessCsrfHeaderName(...)");
    }
}
