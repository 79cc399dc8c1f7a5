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
 * A refusal at startup names the setting the way the application gave it: its Java name
 * ({@code keys.secret}) to a Java user, the key ({@code JWT_SECRET_KEY}) to one configuring
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
        assertThatThrownBy(() -> JwtConfig.builder().build()).isInstanceOf(InvalidSettingException.class)
                .hasMessage("keys.secret" + rest);
        assertThatThrownBy(() -> FlaskConfig.load(Map.of()).build()).isInstanceOf(InvalidSettingException.class)
                .hasMessage("JWT_SECRET_KEY" + rest);
        assertThatThrownBy(() -> load(PROPERTIES, Map.of())).isInstanceOf(InvalidSettingException.class)
                .hasMessage("jwt.secret-key" + rest);
    }

    @Test
    void aShortSecretIsNamedAsGivenAndNeverShown() {
        String rest = " is 5 bytes; HS256 needs at least 32 bytes";
        assertThatThrownBy(() -> JwtConfig.builder().keys(k -> k.withSecret("short")).build()).hasMessageStartingWith("keys.secret" + rest)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", "short")).build()).hasMessageStartingWith("JWT_SECRET_KEY" + rest);
        assertThatThrownBy(() -> load(PROPERTIES, Map.of("JWT_SECRET_KEY", "short"))).hasMessageStartingWith("jwt.secret-key" + rest);
        // flask's SECRET_KEY, used when JWT_SECRET_KEY is absent, is named as such.
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("SECRET_KEY", "short")).build()).hasMessageStartingWith("SECRET_KEY" + rest);
    }

    @Test
    void aBadTokenLocationIsNamedAsGiven() {
        assertThatThrownBy(() -> JwtConfig.builder().keys(k -> k.withSecret(SECRET_64)).tokenLocations(List.of()).build())
                .hasMessage("tokenLocations must contain at least one of \"headers\", \"cookies\", \"query_string\", or \"json\"");
        String rest = " can only contain \"headers\", \"cookies\", \"query_string\", or \"json\"";
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_TOKEN_LOCATION", "headers,body")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("JWT_TOKEN_LOCATION" + rest);
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_TOKEN_LOCATION", "headers,body"), PROPERTIES))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jwt.token-location" + rest);
    }

    @Test
    void aBadCookieSettingIsNamedAsGiven() {
        String rest = " must be Lax, Strict or None";
        assertThatThrownBy(() -> JwtConfig.builder().cookies(c -> c.withSameSite("Relaxed")))
                .hasMessage("cookies.sameSite" + rest);
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_COOKIE_SAMESITE", "Relaxed")))
                .hasMessage("JWT_COOKIE_SAMESITE" + rest);
        assertThatThrownBy(() -> load(PROPERTIES, Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_COOKIE_SAMESITE", "Relaxed")))
                .hasMessage("jwt.cookie-samesite" + rest);
        // A value FlaskConfig cannot read at all is refused there, under the same names.
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_COOKIE_SECURE", "sometimes"))).hasMessage("JWT_COOKIE_SECURE must be true or false");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_COOKIE_SECURE", "sometimes"), PROPERTIES))
                .hasMessage("jwt.cookie-secure must be true or false");
        assertThatThrownBy(() -> JwtConfig.builder().access(a -> a.withCookiePath("nope")))
                .hasMessage("access.cookiePath must be a path starting with /");
        assertThatThrownBy(() -> load(PROPERTIES, Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_ACCESS_COOKIE_PATH", "nope")))
                .hasMessage("jwt.access-cookie-path must be a path starting with /");
    }

    @Test
    void aLeewayAndATokenLengthAreNamedAsGiven() {
        assertThatThrownBy(() -> JwtConfig.builder().decode(d -> d.withLeeway(Duration.ofSeconds(301))))
                .hasMessage("decode.leeway must be between 0 and 300 seconds");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_DECODE_LEEWAY", "301")))
                .hasMessage("JWT_DECODE_LEEWAY must be between 0 and 300 seconds");
        assertThatThrownBy(() -> load(PROPERTIES, Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_MAX_TOKEN_LENGTH", "10")))
                .hasMessage("jwt.max-token-length must be at least 256 characters");
    }

    /** Keys from FlaskConfig keep their names on a Java builder's own settings, and the other way round. */
    @Test
    void aMixedBuilderNamesEachSettingAsItWasGiven() {
        JwtConfig.Builder javaThenKeys = FlaskConfig.apply(JwtConfig.builder().keys(k -> k.withSecret("short")),
                Map.of("JWT_DECODE_LEEWAY", "5"));
        assertThatThrownBy(javaThenKeys::build).hasMessageStartingWith("keys.secret is 5 bytes");
        JwtConfig.Builder keysOnJava = FlaskConfig.apply(JwtConfig.builder().decode(d -> d.withLeeway(Duration.ofSeconds(5))),
                Map.of("JWT_SECRET_KEY", "short"));
        assertThatThrownBy(keysOnJava::build).hasMessageStartingWith("JWT_SECRET_KEY is 5 bytes");
        // A Java change to a builder FlaskConfig filled is refused where it is made, under its Java name.
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64)).cookies(c -> c.withSameSite("Relaxed")))
                .hasMessage("cookies.sameSite must be Lax, Strict or None");
    }

    /** A refusal made after the configuration was built (the manager's) names the setting as given too. */
    @Test
    void theManagersRefusalUsesTheConfigurationsNames() {
        assertThatThrownBy(() -> JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256)).build()).build())
                .hasMessageStartingWith("keys.algorithm RS256 needs keys: keys.pem.privateKey and/or keys.pem.publicKey");
        assertThatThrownBy(() -> JwtManager.builder(FlaskConfig.load(Map.of("JWT_ALGORITHM", "RS256")).build()).build())
                .hasMessageStartingWith("JWT_ALGORITHM RS256 needs keys: JWT_PRIVATE_KEY and/or JWT_PUBLIC_KEY");
        JwtConfig viaProperties = load(PROPERTIES, Map.of("JWT_ALGORITHM", "RS256"));
        assertThatThrownBy(() -> JwtManager.builder(viaProperties.toBuilder().build()).build())
                .as("kept by toBuilder").hasMessageStartingWith("jwt.algorithm RS256 needs keys: jwt.private-key and/or jwt.public-key");
    }

    /** Every Java name starts with a method of the builder, and leads to the record component that declares the setting. */
    @Test
    void everyJavaNameIsABuilderMethodsPath() {
        Set<String> methods = Arrays.stream(JwtConfig.Builder.class.getMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == JwtConfig.Builder.class)
                .map(Method::getName).collect(Collectors.toSet());
        for (Setting s : Settings.all()) {
            String group = s.javaName().split("\\.")[0];
            assertThat(methods).as("the builder method for %s", s).contains(group);
            assertThat(SettingNames.JAVA.apply(s.javaName())).isEqualTo(s.javaName());
        }
    }

    @Test
    void propertiesAreKebabCaseUnderThePrefix() {
        assertThat(PROPERTIES.apply("keys.secret")).isEqualTo("jwt.secret-key");
        assertThat(PROPERTIES.apply("csrf.protect")).isEqualTo("jwt.cookie-csrf-protect");
        assertThat(SettingNames.FLASK.apply("csrf.protect")).isEqualTo("JWT_COOKIE_CSRF_PROTECT");
        assertThat(SettingNames.JAVA.apply("csrf.protect")).isEqualTo("csrf.protect");
        assertThat(SettingNames.FLASK.apply("access.csrf.headerName")).isEqualTo("JWT_ACCESS_CSRF_HEADER_NAME");
        assertThat(SettingNames.FLASK.apply("no.such.setting")).as("an unknown name stays as it is").isEqualTo("no.such.setting");
    }
}
