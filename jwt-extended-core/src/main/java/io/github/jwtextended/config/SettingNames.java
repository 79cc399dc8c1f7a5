package io.github.jwtextended.config;

/**
 * The names a setting goes by, so that a refusal names it the way the user gave it.
 *
 * <p>Thread safety: immutable.
 */
public enum SettingNames {
    /** The Java name: {@code cookies.secure}, set with {@code JwtConfig.builder().cookies(c -> c.withSecure(...))}. */
    JAVA,
    /** The flask key: {@code JWT_COOKIE_SECURE} (environment variables, {@link FlaskConfig}). */
    FLASK,
    /** The Spring Boot starter's property: {@code jwt.cookie-secure}. */
    SPRING;

    /** This name of {@code setting}. */
    public String of(Setting setting) {
        return switch (this) {
            case JAVA -> setting.javaName();
            case FLASK -> setting.flaskKey();
            case SPRING -> setting.springName();
        };
    }

    /** This name of the setting with Java name {@code javaName}; the Java name itself when no setting has it. */
    public String of(String javaName) {
        return Settings.byJavaName(javaName).map(this::of).orElse(javaName);
    }
}
