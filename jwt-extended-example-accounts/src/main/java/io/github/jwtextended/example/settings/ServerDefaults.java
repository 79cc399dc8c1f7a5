package io.github.jwtextended.example.settings;

import io.github.jwtextended.example.login.LoginSettings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The defaults of the settings both example servers read (besides the {@code JWT_*} ones), in the
 * order their documentation lists them. Each server adds its own few.
 *
 * <p>Thread safety: immutable.
 */
public final class ServerDefaults {
    /** Setting name to default value. */
    public static final Map<String, String> COMMON;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("HOST", "127.0.0.1");
        d.put("PORT", "5000");
        d.put("DATA_DIR", "./data");
        d.put("DATABASE_URL", "");
        d.put("DEMO_USERS", "false");
        d.put("DATABASE_POOL_SIZE", "10");
        d.put("DATABASE_CONNECT_TIMEOUT", "10");
        d.put("REVOCATION_PURGE_INTERVAL", "3600");
        d.put("REDIS_URL", "");
        d.put("REVOCATION_NEAR_CACHE", "true");
        d.put("REVOCATION_NEAR_CACHE_STALENESS_MS", "1000");
        d.put("REVOCATION_TIMEOUT_MS", "250");
        d.put("REVOCATION_FAIL_OPEN", "false");
        d.put("REFRESH_TOKEN_ROTATION", "true");
        d.put("REFRESH_REUSE_GRACE_SECONDS", "10");
        d.put("REFRESH_MAX_SESSION_SECONDS", "0");
        d.put("IMPLICIT_REFRESH_WINDOW_SECONDS", "0");
        d.putAll(LoginSettings.DEFAULTS); // LOGIN_RATE_LIMIT_*, TRUST_X_FORWARDED_FOR, LOGIN_ALLOWED_ORIGINS
        COMMON = Collections.unmodifiableMap(d);
    }

    private ServerDefaults() {
    }
}
