package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.settings.CommonSettings;

import java.util.function.Function;

/**
 * The example server's own settings, read by the same names, defaults and checks as the Javalin
 * example: {@link CommonSettings} ({@code HOST}, {@code PORT}, {@code DATA_DIR}, {@code DATABASE_URL},
 * the revocation store's, refresh-token rotation's and the defences of {@code /login}). The
 * {@code JWT_*} settings are not read here: they reach the starter as {@code jwt.*} properties
 * through Spring's relaxed binding.
 *
 * <p>One difference: {@code IMPLICIT_REFRESH_WINDOW_SECONDS} must stay 0, since implicit refresh is
 * a feature of the Javalin plugin that the servlet adapter does not have.
 *
 * <p>Thread safety: stateless.
 */
public final class SampleSettings {
    private SampleSettings() {
    }

    /** Reads and checks the settings {@code lookup} finds (null: unset); {@link Invalid} names the first bad one. */
    public static CommonSettings from(Function<String, String> lookup) {
        CommonSettings settings;
        try {
            settings = CommonSettings.from(lookup);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage()); // the message never repeats the value
        }
        if (!settings.implicitRefreshWindow().isZero()) {
            throw new Invalid("IMPLICIT_REFRESH_WINDOW_SECONDS is not supported by the Spring Boot sample (implicit refresh"
                    + " is a Javalin plugin feature): leave it 0 or unset");
        }
        return settings;
    }

    /**
     * A setting that stops the start: a one-line message naming it, never showing a secret value.
     *
     * <p>Thread safety: immutable.
     */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
