package io.github.jwtextended.config;

import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.key.Jwks;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.StaticKeyResolver;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every option of flask-jwt-extended, under Java names, in one immutable and validated object.
 * Build it with {@link #builder()}; {@link FlaskConfig} builds it from flask-style keys
 * ({@code JWT_SECRET_KEY}, ...). The table of names and defaults is in {@code docs/compatibility.md}.
 *
 * <p>{@link Builder#build()} refuses, with a message naming the option as the application gave it
 * ({@code secretKey(...)} to the builder, {@code JWT_SECRET_KEY} through {@link FlaskConfig}; see
 * {@link SettingNames}), a configuration that would be unsafe or could not work: no secret, an
 * HMAC secret shorter than its hash output (RFC 7518 §3.2), no token location, an empty algorithm
 * list, a negative or over-300-second leeway, an empty header name or error message key; and for
 * the public-key algorithms (see
 * {@code docs/keys.md}): a weak or mismatched key (RSA under 2048 bits, an EC key off its curve or on
 * the wrong curve, a key marked for encryption, a key bound to an algorithm that is not allowed),
 * an allow-list or key set mixing HMAC with public-key algorithms, duplicate {@code kid}s, a
 * private and public key that are not a pair, and an ambiguous signing key.
 *
 * <p>Thread safety: immutable.
 */
public final class JwtConfig {
    /** flask-jwt-extended's Max-Age for non-session cookies: 31,540,000 s (365.046 days). */
    public static final long PERSISTENT_COOKIE_MAX_AGE_SECONDS = 31_540_000L;
    /** Largest leeway accepted: RFC 7519 says "usually no more than a few minutes". */
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(300);

    private final Duration accessTokenExpires;
    private final Duration refreshTokenExpires;
    private final JwsAlgorithm algorithm;
    private final Set<JwsAlgorithm> decodeAlgorithms;
    private final byte[] secretKey;
    private final Set<String> decodeAudience;
    private final List<String> encodeAudience;
    private final Set<String> decodeIssuer;
    private final String encodeIssuer;
    private final Duration leeway;
    private final boolean encodeNbf;
    private final String errorMessageKey;
    private final String identityClaim;
    private final boolean verifySub;
    private final boolean requireType;
    private final boolean headerTypeCaseSensitive;
    private final List<TokenLocation> tokenLocations;
    private final String headerName;
    private final String headerType;
    private final String queryStringName;
    private final String queryStringValuePrefix;
    private final String jsonKey;
    private final String refreshJsonKey;
    private final String accessCookieName;
    private final String refreshCookieName;
    private final String accessCookiePath;
    private final String refreshCookiePath;
    private final boolean cookieSecure;
    private final String cookieDomain;
    private final String cookieSameSite;
    private final boolean sessionCookie;
    private final boolean csrfProtect;
    private final Set<String> csrfMethods;
    private final boolean csrfInCookies;
    private final boolean csrfCheckForm;
    private final String accessCsrfCookieName;
    private final String refreshCsrfCookieName;
    private final String accessCsrfCookiePath;
    private final String refreshCsrfCookiePath;
    private final String accessCsrfHeaderName;
    private final String refreshCsrfHeaderName;
    private final String accessCsrfFieldName;
    private final String refreshCsrfFieldName;
    private final ErrorStyle errorStyle;
    private final int maxTokenLength;
    private final int maxJsonBodyLength;
    private final List<JwtKey> keys;
    private final String signingKeyId;
    private final URI jwksUrl;
    private final Duration jwksCacheTtl;
    private final Duration jwksRefetchInterval;
    private final Duration jwksConnectTimeout;
    private final Duration jwksReadTimeout;
    private final String privateKeyPem;
    private final String publicKeyPem;
    private final Path privateKeyFile;
    private final Path publicKeyFile;
    private final String jwksJson;
    private final Path jwksFile;
    private final List<JwtKey> extraKeys;
    private final String signingKeyIdSetting;
    private final SettingNames settingNames;

    private JwtConfig(Builder b, List<JwtKey> keys, String signingKeyId) {
        accessTokenExpires = b.accessTokenExpires;
        refreshTokenExpires = b.refreshTokenExpires;
        algorithm = b.algorithm;
        LinkedHashSet<JwsAlgorithm> algs = new LinkedHashSet<>(b.decodeAlgorithms == null ? List.of() : b.decodeAlgorithms);
        if (algs.isEmpty() && b.decodeAlgorithms == null) {
            algs.add(b.algorithm);
        }
        if (!algs.isEmpty()) {
            algs.add(b.algorithm); // flask appends JWT_ALGORITHM when missing
        }
        decodeAlgorithms = Collections.unmodifiableSet(algs);
        secretKey = b.secretKey == null ? null : b.secretKey.clone();
        decodeAudience = b.decodeAudience == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(b.decodeAudience));
        encodeAudience = List.copyOf(b.encodeAudience);
        decodeIssuer = b.decodeIssuer == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(b.decodeIssuer));
        encodeIssuer = b.encodeIssuer;
        leeway = b.leeway;
        encodeNbf = b.encodeNbf;
        errorMessageKey = b.errorMessageKey;
        identityClaim = b.identityClaim;
        verifySub = b.verifySub;
        requireType = b.requireType;
        headerTypeCaseSensitive = b.headerTypeCaseSensitive;
        tokenLocations = List.copyOf(b.tokenLocations);
        headerName = b.headerName;
        headerType = b.headerType;
        queryStringName = b.queryStringName;
        queryStringValuePrefix = b.queryStringValuePrefix;
        jsonKey = b.jsonKey;
        refreshJsonKey = b.refreshJsonKey;
        accessCookieName = b.accessCookieName;
        refreshCookieName = b.refreshCookieName;
        accessCookiePath = b.accessCookiePath;
        refreshCookiePath = b.refreshCookiePath;
        cookieSecure = b.cookieSecure;
        cookieDomain = b.cookieDomain;
        cookieSameSite = b.cookieSameSite;
        sessionCookie = b.sessionCookie;
        csrfProtect = b.csrfProtect;
        LinkedHashSet<String> methods = new LinkedHashSet<>();
        for (String m : b.csrfMethods) {
            methods.add(m.toUpperCase(Locale.ROOT));
        }
        csrfMethods = Collections.unmodifiableSet(methods);
        csrfInCookies = b.csrfInCookies;
        csrfCheckForm = b.csrfCheckForm;
        accessCsrfCookieName = b.accessCsrfCookieName;
        refreshCsrfCookieName = b.refreshCsrfCookieName;
        accessCsrfCookiePath = b.accessCsrfCookiePath;
        refreshCsrfCookiePath = b.refreshCsrfCookiePath;
        accessCsrfHeaderName = b.accessCsrfHeaderName;
        refreshCsrfHeaderName = b.refreshCsrfHeaderName;
        accessCsrfFieldName = b.accessCsrfFieldName;
        refreshCsrfFieldName = b.refreshCsrfFieldName;
        errorStyle = b.errorStyle;
        maxTokenLength = b.maxTokenLength;
        maxJsonBodyLength = b.maxJsonBodyLength;
        this.keys = List.copyOf(keys);
        this.signingKeyId = signingKeyId;
        jwksUrl = b.jwksUrl;
        jwksCacheTtl = b.jwksCacheTtl;
        jwksRefetchInterval = b.jwksRefetchInterval;
        jwksConnectTimeout = b.jwksConnectTimeout;
        jwksReadTimeout = b.jwksReadTimeout;
        privateKeyPem = b.privateKeyPem;
        publicKeyPem = b.publicKeyPem;
        privateKeyFile = b.privateKeyFile;
        publicKeyFile = b.publicKeyFile;
        jwksJson = b.jwksJson;
        jwksFile = b.jwksFile;
        extraKeys = List.copyOf(b.keys);
        signingKeyIdSetting = b.signingKid;
        settingNames = b.resolvedNames();
    }

    /**
     * A builder holding flask-jwt-extended's defaults (HS256, headers only, 15-minute access and
     * 30-day refresh tokens, ...); set at least {@link Builder#secretKey(String)} (or keys) and call
     * {@link Builder#build()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.accessTokenExpires = accessTokenExpires;
        b.refreshTokenExpires = refreshTokenExpires;
        b.algorithm = algorithm;
        b.decodeAlgorithms = new ArrayList<>(decodeAlgorithms);
        b.secretKey = secretKey == null ? null : secretKey.clone();
        b.decodeAudience = decodeAudience == null ? null : new ArrayList<>(decodeAudience);
        b.encodeAudience = new ArrayList<>(encodeAudience);
        b.decodeIssuer = decodeIssuer == null ? null : new ArrayList<>(decodeIssuer);
        b.encodeIssuer = encodeIssuer;
        b.leeway = leeway;
        b.encodeNbf = encodeNbf;
        b.errorMessageKey = errorMessageKey;
        b.identityClaim = identityClaim;
        b.verifySub = verifySub;
        b.requireType = requireType;
        b.headerTypeCaseSensitive = headerTypeCaseSensitive;
        b.tokenLocations = new ArrayList<>(tokenLocations);
        b.headerName = headerName;
        b.headerType = headerType;
        b.queryStringName = queryStringName;
        b.queryStringValuePrefix = queryStringValuePrefix;
        b.jsonKey = jsonKey;
        b.refreshJsonKey = refreshJsonKey;
        b.accessCookieName = accessCookieName;
        b.refreshCookieName = refreshCookieName;
        b.accessCookiePath = accessCookiePath;
        b.refreshCookiePath = refreshCookiePath;
        b.cookieSecure = cookieSecure;
        b.cookieDomain = cookieDomain;
        b.cookieSameSite = cookieSameSite;
        b.sessionCookie = sessionCookie;
        b.csrfProtect = csrfProtect;
        b.csrfMethods = new ArrayList<>(csrfMethods);
        b.csrfInCookies = csrfInCookies;
        b.csrfCheckForm = csrfCheckForm;
        b.accessCsrfCookieName = accessCsrfCookieName;
        b.refreshCsrfCookieName = refreshCsrfCookieName;
        b.accessCsrfCookiePath = accessCsrfCookiePath;
        b.refreshCsrfCookiePath = refreshCsrfCookiePath;
        b.accessCsrfHeaderName = accessCsrfHeaderName;
        b.refreshCsrfHeaderName = refreshCsrfHeaderName;
        b.accessCsrfFieldName = accessCsrfFieldName;
        b.refreshCsrfFieldName = refreshCsrfFieldName;
        b.errorStyle = errorStyle;
        b.maxTokenLength = maxTokenLength;
        b.maxJsonBodyLength = maxJsonBodyLength;
        b.privateKeyPem = privateKeyPem;
        b.publicKeyPem = publicKeyPem;
        b.privateKeyFile = privateKeyFile;
        b.publicKeyFile = publicKeyFile;
        b.jwksJson = jwksJson;
        b.jwksFile = jwksFile;
        b.keys = new ArrayList<>(extraKeys);
        b.signingKid = signingKeyIdSetting;
        b.jwksUrl = jwksUrl;
        b.jwksCacheTtl = jwksCacheTtl;
        b.jwksRefetchInterval = jwksRefetchInterval;
        b.jwksConnectTimeout = jwksConnectTimeout;
        b.jwksReadTimeout = jwksReadTimeout;
        b.settingNames = settingNames;
        return b;
    }

    /** Lifetime of access tokens; null means they carry no {@code exp} (never expire). */
    public Duration accessTokenExpires() { return accessTokenExpires; }
    /** Lifetime of refresh tokens; null means they carry no {@code exp} (never expire). */
    public Duration refreshTokenExpires() { return refreshTokenExpires; }
    /** {@code JWT_ALGORITHM}: the algorithm new tokens are signed with; default HS256. */
    public JwsAlgorithm algorithm() { return algorithm; }
    /** The allow-list of algorithms a token may use; always contains {@link #algorithm()}. */
    public Set<JwsAlgorithm> decodeAlgorithms() { return decodeAlgorithms; }
    /**
     * {@code JWT_SECRET_KEY}: a copy of the HMAC secret, or null when none is configured (public-key
     * algorithms). {@link Builder#build()} refuses an HMAC secret shorter than its hash output
     * (RFC 7518 §3.2): at least 32 bytes for HS256, 48 for HS384 and 64 for HS512, the longest hash
     * among {@link #algorithm()} and {@link #decodeAlgorithms()} deciding. A string secret counts
     * its UTF-8 bytes; a random key such as 64 hex characters is enough for every HMAC algorithm.
     *
     * @return a new copy of the secret on each call, or null
     */
    public byte[] secretKey() { return secretKey == null ? null : secretKey.clone(); }
    /** Whether an HMAC secret ({@code JWT_SECRET_KEY}) is configured. */
    public boolean hasSecretKey() { return secretKey != null; }
    /** Accepted audiences; null means {@code aud} is not verified at all (flask's default). */
    public Set<String> decodeAudience() { return decodeAudience; }
    /** Audiences written into new tokens (one is written as a string, several as an array). */
    public List<String> encodeAudience() { return encodeAudience; }
    /** Accepted issuers; null means {@code iss} is not verified. */
    public Set<String> decodeIssuer() { return decodeIssuer; }
    /** {@code JWT_ENCODE_ISSUER}: the {@code iss} written into new tokens; null for none (the default). */
    public String encodeIssuer() { return encodeIssuer; }
    /** {@code JWT_DECODE_LEEWAY}: the clock skew allowed on {@code exp}, {@code nbf} and {@code iat}; 0 to 300 seconds, default 0. */
    public Duration leeway() { return leeway; }
    /** {@code JWT_ENCODE_NBF}: whether new tokens carry {@code nbf}; default true. */
    public boolean encodeNbf() { return encodeNbf; }
    /** {@code JWT_ERROR_MESSAGE_KEY}: the key of the message in error bodies; default {@code msg}. */
    public String errorMessageKey() { return errorMessageKey; }
    /** {@code JWT_IDENTITY_CLAIM}: the claim holding the identity; default {@code sub}. */
    public String identityClaim() { return identityClaim; }
    /** {@code JWT_VERIFY_SUB}: whether a {@code sub} that is not a string is refused; default true. */
    public boolean verifySub() { return verifySub; }
    /** Whether a token without a {@code type} claim is refused (ours; flask treats it as an access token). */
    public boolean requireType() { return requireType; }
    /** Whether the {@code Authorization} scheme must match {@link #headerType()} in case too (flask's rule). */
    public boolean headerTypeCaseSensitive() { return headerTypeCaseSensitive; }
    /** {@code JWT_TOKEN_LOCATION}: where a token is looked for, in order of precedence; default headers only. */
    public List<TokenLocation> tokenLocations() { return tokenLocations; }
    /** {@code JWT_HEADER_NAME}: the header holding the token; default {@code Authorization}. */
    public String headerName() { return headerName; }
    /** {@code JWT_HEADER_TYPE}: the scheme before the token in that header; default {@code Bearer}, empty for a bare token. */
    public String headerType() { return headerType; }
    /** {@code JWT_QUERY_STRING_NAME}: the query parameter holding the token; default {@code jwt}. */
    public String queryStringName() { return queryStringName; }
    /** {@code JWT_QUERY_STRING_VALUE_PREFIX}: a prefix the query parameter's value must start with; default empty. */
    public String queryStringValuePrefix() { return queryStringValuePrefix; }
    /** {@code JWT_JSON_KEY}: the JSON body key holding an access token; default {@code access_token}. */
    public String jsonKey() { return jsonKey; }
    /** {@code JWT_REFRESH_JSON_KEY}: the JSON body key holding a refresh token; default {@code refresh_token}. */
    public String refreshJsonKey() { return refreshJsonKey; }
    /** {@code JWT_ACCESS_COOKIE_NAME}: the cookie holding the access token; default {@code access_token_cookie}. */
    public String accessCookieName() { return accessCookieName; }
    /** {@code JWT_REFRESH_COOKIE_NAME}: the cookie holding the refresh token; default {@code refresh_token_cookie}. */
    public String refreshCookieName() { return refreshCookieName; }
    /** {@code JWT_ACCESS_COOKIE_PATH}: the {@code Path} of the access cookie; default {@code /}. */
    public String accessCookiePath() { return accessCookiePath; }
    /** {@code JWT_REFRESH_COOKIE_PATH}: the {@code Path} of the refresh cookie; default {@code /}. */
    public String refreshCookiePath() { return refreshCookiePath; }
    /** {@code JWT_COOKIE_SECURE}: whether the cookies are marked {@code Secure}; default false (flask's default; set it in production). */
    public boolean cookieSecure() { return cookieSecure; }
    /** {@code JWT_COOKIE_DOMAIN}: the cookies' {@code Domain}; null (the default) for none, a host-only cookie. */
    public String cookieDomain() { return cookieDomain; }
    /** {@code Lax}, {@code Strict}, {@code None}, or null for no SameSite attribute. */
    public String cookieSameSite() { return cookieSameSite; }
    /**
     * {@code JWT_SESSION_COOKIE}: true (the default) for session cookies (no {@code Max-Age}); false
     * for cookies that last {@link #PERSISTENT_COOKIE_MAX_AGE_SECONDS}.
     */
    public boolean sessionCookie() { return sessionCookie; }
    /** {@code JWT_COOKIE_CSRF_PROTECT}: whether a token from a cookie needs the double-submit CSRF value; default true. */
    public boolean csrfProtect() { return csrfProtect; }
    /** Upper-case methods on which the CSRF double-submit check runs. */
    public Set<String> csrfMethods() { return csrfMethods; }
    /** {@code JWT_CSRF_IN_COOKIES}: whether the CSRF values are also set as script-readable cookies; default true. */
    public boolean csrfInCookies() { return csrfInCookies; }
    /** {@code JWT_CSRF_CHECK_FORM}: whether the CSRF value may come from a form field when the header is absent; default false. */
    public boolean csrfCheckForm() { return csrfCheckForm; }
    /** {@code JWT_ACCESS_CSRF_COOKIE_NAME}: the cookie holding the access token's CSRF value; default {@code csrf_access_token}. */
    public String accessCsrfCookieName() { return accessCsrfCookieName; }
    /** {@code JWT_REFRESH_CSRF_COOKIE_NAME}: the cookie holding the refresh token's CSRF value; default {@code csrf_refresh_token}. */
    public String refreshCsrfCookieName() { return refreshCsrfCookieName; }
    /** {@code JWT_ACCESS_CSRF_COOKIE_PATH}: the {@code Path} of the access CSRF cookie; default {@code /}. */
    public String accessCsrfCookiePath() { return accessCsrfCookiePath; }
    /** {@code JWT_REFRESH_CSRF_COOKIE_PATH}: the {@code Path} of the refresh CSRF cookie; default {@code /}. */
    public String refreshCsrfCookiePath() { return refreshCsrfCookiePath; }
    /** {@code JWT_ACCESS_CSRF_HEADER_NAME}: the header a request sends the access CSRF value in; default {@code X-CSRF-TOKEN}. */
    public String accessCsrfHeaderName() { return accessCsrfHeaderName; }
    /** {@code JWT_REFRESH_CSRF_HEADER_NAME}: the header a request sends the refresh CSRF value in; default {@code X-CSRF-TOKEN}. */
    public String refreshCsrfHeaderName() { return refreshCsrfHeaderName; }
    /** {@code JWT_ACCESS_CSRF_FIELD_NAME}: the form field read for the access CSRF value when {@link #csrfCheckForm()}; default {@code csrf_token}. */
    public String accessCsrfFieldName() { return accessCsrfFieldName; }
    /** {@code JWT_REFRESH_CSRF_FIELD_NAME}: the form field read for the refresh CSRF value when {@link #csrfCheckForm()}; default {@code csrf_token}. */
    public String refreshCsrfFieldName() { return refreshCsrfFieldName; }
    /** How invalid tokens are answered: {@link ErrorStyle#FLASK} (422, the default) or {@link ErrorStyle#RFC6750} (401). */
    public ErrorStyle errorStyle() { return errorStyle; }
    /** Longest token accepted, in characters, checked before any decoding. */
    public int maxTokenLength() { return maxTokenLength; }
    /** Longest JSON body read when looking for a token in the {@code json} location. */
    public int maxJsonBodyLength() { return maxJsonBodyLength; }

    /**
     * The public-key (or HMAC) keys read from {@code JWT_PRIVATE_KEY}/{@code JWT_PUBLIC_KEY}, their
     * files, {@code JWT_JWKS}/{@code JWT_JWKS_FILE} and {@link Builder#keys}, validated; empty when
     * none was given (then the HMAC secret, a JWKS URL or a resolver given to the manager is used).
     */
    public List<JwtKey> keys() { return keys; }
    /** The {@code kid} of the key that signs among {@link #keys()}; null when none of them can sign or it has no kid. */
    public String signingKeyId() { return signingKeyId; }
    /** True when one of {@link #keys()} holds a private key (or is an HMAC secret) and signs. */
    public boolean hasSigningKey() { return keys.stream().anyMatch(JwtKey::canSign); }
    /** {@code JWT_JWKS_URL}: verify tokens with the keys published there (this service then only verifies). */
    public URI jwksUrl() { return jwksUrl; }
    /** {@code JWT_JWKS_CACHE_TTL}: how long fetched keys are used before they are fetched again. */
    public Duration jwksCacheTtl() { return jwksCacheTtl; }
    /** {@code JWT_JWKS_REFETCH_INTERVAL}: the least time between two fetches (unknown {@code kid}s, failures). */
    public Duration jwksRefetchInterval() { return jwksRefetchInterval; }
    /** {@code JWT_JWKS_CONNECT_TIMEOUT}. */
    public Duration jwksConnectTimeout() { return jwksConnectTimeout; }
    /** {@code JWT_JWKS_READ_TIMEOUT}: the whole response must arrive within it. */
    public Duration jwksReadTimeout() { return jwksReadTimeout; }
    /**
     * How refusals name this configuration's settings: as they were given (see
     * {@link Builder#settingNames}); for checks made later, such as {@code JwtManager}'s.
     */
    public SettingNames settingNames() { return settingNames; }

    /**
     * Collects options; {@link #build()} validates them. Not thread safe; the configuration it
     * builds is.
     */
    public static final class Builder {
        private Duration accessTokenExpires = Duration.ofMinutes(15);
        private Duration refreshTokenExpires = Duration.ofDays(30);
        private JwsAlgorithm algorithm = JwsAlgorithm.HS256;
        private List<JwsAlgorithm> decodeAlgorithms;
        private byte[] secretKey;
        private List<String> decodeAudience;
        private List<String> encodeAudience = new ArrayList<>();
        private List<String> decodeIssuer;
        private String encodeIssuer;
        private Duration leeway = Duration.ZERO;
        private boolean encodeNbf = true;
        private String errorMessageKey = "msg";
        private String identityClaim = "sub";
        private boolean verifySub = true;
        private boolean requireType = false;
        private boolean headerTypeCaseSensitive = false;
        private List<TokenLocation> tokenLocations = new ArrayList<>(List.of(TokenLocation.HEADERS));
        private String headerName = "Authorization";
        private String headerType = "Bearer";
        private String queryStringName = "jwt";
        private String queryStringValuePrefix = "";
        private String jsonKey = "access_token";
        private String refreshJsonKey = "refresh_token";
        private String accessCookieName = "access_token_cookie";
        private String refreshCookieName = "refresh_token_cookie";
        private String accessCookiePath = "/";
        private String refreshCookiePath = "/";
        private boolean cookieSecure = false;
        private String cookieDomain;
        private String cookieSameSite;
        private boolean sessionCookie = true;
        private boolean csrfProtect = true;
        private List<String> csrfMethods = new ArrayList<>(List.of("POST", "PUT", "PATCH", "DELETE"));
        private boolean csrfInCookies = true;
        private boolean csrfCheckForm = false;
        private String accessCsrfCookieName = "csrf_access_token";
        private String refreshCsrfCookieName = "csrf_refresh_token";
        private String accessCsrfCookiePath = "/";
        private String refreshCsrfCookiePath = "/";
        private String accessCsrfHeaderName = "X-CSRF-TOKEN";
        private String refreshCsrfHeaderName = "X-CSRF-TOKEN";
        private String accessCsrfFieldName = "csrf_token";
        private String refreshCsrfFieldName = "csrf_token";
        private ErrorStyle errorStyle = ErrorStyle.FLASK;
        private int maxTokenLength = 8192;
        private int maxJsonBodyLength = 64 * 1024;
        private String privateKeyPem;
        private String publicKeyPem;
        private Path privateKeyFile;
        private Path publicKeyFile;
        private String jwksJson;
        private Path jwksFile;
        private List<JwtKey> keys = new ArrayList<>();
        private String signingKid;
        private URI jwksUrl;
        private Duration jwksCacheTtl = Duration.ofMinutes(5);
        private Duration jwksRefetchInterval = Duration.ofSeconds(30);
        private Duration jwksConnectTimeout = Duration.ofSeconds(2);
        private Duration jwksReadTimeout = Duration.ofSeconds(5);
        private SettingNames settingNames = SettingNames.JAVA;
        /** Names recorded by a front end for the options it set ({@link FlaskConfig}), by flask key. */
        private final Map<String, String> givenNames = new HashMap<>();

        private Builder() {
        }

        /**
         * How {@link #build()} names a setting when it refuses one: by default this builder's method
         * ({@code secretKey(...)}); {@link FlaskConfig} names the options it set by their keys
         * ({@code JWT_SECRET_KEY}) and the others by the naming it was given. A front end of its own
         * (a framework's properties) gives its naming here, e.g. {@link SettingNames#properties(String)}.
         */
        public Builder settingNames(SettingNames names) { settingNames = Objects.requireNonNull(names, "names"); return this; }

        /** Records that the option {@code flaskKey} was given under {@code name}; that name then wins over {@link #settingNames}. */
        Builder givenAs(String flaskKey, String name) { givenNames.put(flaskKey, name); return this; }

        /** The name of the option {@code flaskKey} as the application gave it. */
        private String name(String flaskKey) {
            String given = givenNames.get(flaskKey);
            return given != null ? given : settingNames.name(flaskKey);
        }

        private SettingNames resolvedNames() {
            Map<String, String> given = Map.copyOf(givenNames);
            SettingNames fallback = settingNames;
            return given.isEmpty() ? fallback : key -> given.getOrDefault(key, fallback.name(key));
        }

        /** {@code JWT_ACCESS_TOKEN_EXPIRES}; default 15 minutes. Must be positive. */
        public Builder accessTokenExpires(Duration d) { accessTokenExpires = Objects.requireNonNull(d, "accessTokenExpires"); return this; }
        /** {@code JWT_ACCESS_TOKEN_EXPIRES = False}: access tokens get no {@code exp}. An explicit, unsafe choice. */
        public Builder accessTokensNeverExpire() { accessTokenExpires = null; return this; }
        /** {@code JWT_REFRESH_TOKEN_EXPIRES}; default 30 days. Must be positive. */
        public Builder refreshTokenExpires(Duration d) { refreshTokenExpires = Objects.requireNonNull(d, "refreshTokenExpires"); return this; }
        /** {@code JWT_REFRESH_TOKEN_EXPIRES = False}: refresh tokens get no {@code exp}. */
        public Builder refreshTokensNeverExpire() { refreshTokenExpires = null; return this; }
        /** {@code JWT_ALGORITHM}; default HS256. */
        public Builder algorithm(JwsAlgorithm a) { algorithm = Objects.requireNonNull(a, "algorithm"); return this; }
        /** {@code JWT_DECODE_ALGORITHMS}; default just {@link #algorithm}, which is always added. */
        public Builder decodeAlgorithms(Collection<JwsAlgorithm> algs) { decodeAlgorithms = new ArrayList<>(Objects.requireNonNull(algs, "decodeAlgorithms")); return this; }
        /** {@link #decodeAlgorithms(Collection)} with the values listed. */
        public Builder decodeAlgorithms(JwsAlgorithm... algs) { return decodeAlgorithms(Arrays.asList(algs)); }
        /**
         * {@code JWT_SECRET_KEY} as raw bytes: the HMAC secret, at least 32 bytes for HS256 (48 for
         * HS384, 64 for HS512), or {@link #build()} refuses it; see {@link JwtConfig#secretKey()}.
         */
        public Builder secretKey(byte[] key) { secretKey = Objects.requireNonNull(key, "secretKey").clone(); return this; }
        /**
         * {@code JWT_SECRET_KEY} as a string, used as its UTF-8 bytes (as flask-jwt-extended does): at
         * least 32 bytes for HS256 (48 for HS384, 64 for HS512), or {@link #build()} refuses it; a
         * random key of 64 hex characters suits every HMAC algorithm. See {@link JwtConfig#secretKey()}.
         */
        public Builder secretKey(String key) { return secretKey(Objects.requireNonNull(key, "secretKey").getBytes(StandardCharsets.UTF_8)); }
        /** {@code JWT_DECODE_AUDIENCE}: accept tokens whose {@code aud} names one of these; null turns the check off. */
        public Builder decodeAudience(Collection<String> aud) { decodeAudience = aud == null ? null : new ArrayList<>(aud); return this; }
        /** {@link #decodeAudience(Collection)} with the values listed. */
        public Builder decodeAudience(String... aud) { return decodeAudience(Arrays.asList(aud)); }
        /** {@code JWT_ENCODE_AUDIENCE}: written as {@code aud} into new tokens. */
        public Builder encodeAudience(Collection<String> aud) { encodeAudience = new ArrayList<>(Objects.requireNonNull(aud, "encodeAudience")); return this; }
        /** {@link #encodeAudience(Collection)} with the values listed. */
        public Builder encodeAudience(String... aud) { return encodeAudience(Arrays.asList(aud)); }
        /** {@code JWT_DECODE_ISSUER}: accept tokens whose {@code iss} is one of these; null turns the check off. */
        public Builder decodeIssuer(Collection<String> iss) { decodeIssuer = iss == null ? null : new ArrayList<>(iss); return this; }
        /** {@link #decodeIssuer(Collection)} with the values listed. */
        public Builder decodeIssuer(String... iss) { return decodeIssuer(Arrays.asList(iss)); }
        /** {@code JWT_ENCODE_ISSUER}: written as {@code iss} into new tokens; null for none. */
        public Builder encodeIssuer(String iss) { encodeIssuer = iss; return this; }
        /** {@code JWT_DECODE_LEEWAY}: 0 to 300 seconds; default 0. */
        public Builder leeway(Duration d) { leeway = Objects.requireNonNull(d, "leeway"); return this; }
        /** {@code JWT_ENCODE_NBF}; default true. */
        public Builder encodeNbf(boolean b) { encodeNbf = b; return this; }
        /** {@code JWT_ERROR_MESSAGE_KEY}; default {@code msg}. */
        public Builder errorMessageKey(String k) { errorMessageKey = k; return this; }
        /** {@code JWT_IDENTITY_CLAIM}; default {@code sub}. */
        public Builder identityClaim(String c) { identityClaim = c; return this; }
        /** {@code JWT_VERIFY_SUB}; default true: a non-string {@code sub} is refused. */
        public Builder verifySub(boolean b) { verifySub = b; return this; }
        /**
         * {@code JWT_REQUIRE_TYPE} (ours), default false: when true, a token without a {@code type} claim is
         * refused with 422 {@code Missing claim: type} instead of being read as an access token
         * (tokens of different kinds must not be taken for one another, RFC 8725 §3.12; SECURITY.md row
         * E20). Tokens this library or flask-jwt-extended issues always carry one.
         */
        public Builder requireType(boolean b) { requireType = b; return this; }
        /**
         * {@code JWT_HEADER_TYPE_CASE_SENSITIVE} (ours), default false: the scheme in {@code Authorization} is
         * compared without regard to ASCII case ({@code bearer}, {@code BEARER}), as RFC 9110 §11.1 and
         * RFC 6750 §2.1 say (SECURITY.md row F3); true restores flask-jwt-extended's exact comparison.
         */
        public Builder headerTypeCaseSensitive(boolean b) { headerTypeCaseSensitive = b; return this; }
        /** {@code JWT_TOKEN_LOCATION}, in order of precedence; default headers only. */
        public Builder tokenLocations(Collection<TokenLocation> l) { tokenLocations = new ArrayList<>(Objects.requireNonNull(l, "tokenLocations")); return this; }
        /** {@link #tokenLocations(Collection)} with the values listed. */
        public Builder tokenLocations(TokenLocation... l) { return tokenLocations(Arrays.asList(l)); }
        /** {@code JWT_HEADER_NAME}; default {@code Authorization}. */
        public Builder headerName(String n) { headerName = n; return this; }
        /** {@code JWT_HEADER_TYPE}; default {@code Bearer}; empty means the header holds the bare token. */
        public Builder headerType(String t) { headerType = t; return this; }
        /** {@code JWT_QUERY_STRING_NAME}; default {@code jwt}. */
        public Builder queryStringName(String n) { queryStringName = n; return this; }
        /** {@code JWT_QUERY_STRING_VALUE_PREFIX}; default empty. */
        public Builder queryStringValuePrefix(String p) { queryStringValuePrefix = p; return this; }
        /** {@code JWT_JSON_KEY}; default {@code access_token}. */
        public Builder jsonKey(String k) { jsonKey = k; return this; }
        /** {@code JWT_REFRESH_JSON_KEY}; default {@code refresh_token}. */
        public Builder refreshJsonKey(String k) { refreshJsonKey = k; return this; }
        /** {@code JWT_ACCESS_COOKIE_NAME}; default {@code access_token_cookie}. */
        public Builder accessCookieName(String n) { accessCookieName = n; return this; }
        /** {@code JWT_REFRESH_COOKIE_NAME}; default {@code refresh_token_cookie}. */
        public Builder refreshCookieName(String n) { refreshCookieName = n; return this; }
        /** {@code JWT_ACCESS_COOKIE_PATH}; default {@code /}. */
        public Builder accessCookiePath(String p) { accessCookiePath = p; return this; }
        /** {@code JWT_REFRESH_COOKIE_PATH}; default {@code /}. */
        public Builder refreshCookiePath(String p) { refreshCookiePath = p; return this; }
        /** {@code JWT_COOKIE_SECURE}; default false (flask's default; set it in production). */
        public Builder cookieSecure(boolean b) { cookieSecure = b; return this; }
        /** {@code JWT_COOKIE_DOMAIN}; default none. */
        public Builder cookieDomain(String d) { cookieDomain = d; return this; }
        /** {@code JWT_COOKIE_SAMESITE}: {@code Lax}, {@code Strict}, {@code None} (any case), or null for none. */
        public Builder cookieSameSite(String s) { cookieSameSite = s; return this; }
        /** {@code JWT_SESSION_COOKIE}; default true (no Max-Age). */
        public Builder sessionCookie(boolean b) { sessionCookie = b; return this; }
        /** {@code JWT_COOKIE_CSRF_PROTECT}; default true. */
        public Builder csrfProtect(boolean b) { csrfProtect = b; return this; }
        /** {@code JWT_CSRF_METHODS}; default POST, PUT, PATCH, DELETE. */
        public Builder csrfMethods(Collection<String> m) { csrfMethods = new ArrayList<>(Objects.requireNonNull(m, "csrfMethods")); return this; }
        /** {@link #csrfMethods(Collection)} with the values listed. */
        public Builder csrfMethods(String... m) { return csrfMethods(Arrays.asList(m)); }
        /** {@code JWT_CSRF_IN_COOKIES}; default true. */
        public Builder csrfInCookies(boolean b) { csrfInCookies = b; return this; }
        /** {@code JWT_CSRF_CHECK_FORM}; default false. */
        public Builder csrfCheckForm(boolean b) { csrfCheckForm = b; return this; }
        /** {@code JWT_ACCESS_CSRF_COOKIE_NAME}; default {@code csrf_access_token}. */
        public Builder accessCsrfCookieName(String n) { accessCsrfCookieName = n; return this; }
        /** {@code JWT_REFRESH_CSRF_COOKIE_NAME}; default {@code csrf_refresh_token}. */
        public Builder refreshCsrfCookieName(String n) { refreshCsrfCookieName = n; return this; }
        /** {@code JWT_ACCESS_CSRF_COOKIE_PATH}; default {@code /}. */
        public Builder accessCsrfCookiePath(String p) { accessCsrfCookiePath = p; return this; }
        /** {@code JWT_REFRESH_CSRF_COOKIE_PATH}; default {@code /}. */
        public Builder refreshCsrfCookiePath(String p) { refreshCsrfCookiePath = p; return this; }
        /** {@code JWT_ACCESS_CSRF_HEADER_NAME}; default {@code X-CSRF-TOKEN}. */
        public Builder accessCsrfHeaderName(String n) { accessCsrfHeaderName = n; return this; }
        /** {@code JWT_REFRESH_CSRF_HEADER_NAME}; default {@code X-CSRF-TOKEN}. */
        public Builder refreshCsrfHeaderName(String n) { refreshCsrfHeaderName = n; return this; }
        /** {@code JWT_ACCESS_CSRF_FIELD_NAME}; default {@code csrf_token}. */
        public Builder accessCsrfFieldName(String n) { accessCsrfFieldName = n; return this; }
        /** {@code JWT_REFRESH_CSRF_FIELD_NAME}; default {@code csrf_token}. */
        public Builder refreshCsrfFieldName(String n) { refreshCsrfFieldName = n; return this; }
        /** How invalid tokens are answered: flask's 422 (default) or RFC 6750's 401. */
        public Builder errorStyle(ErrorStyle s) { errorStyle = Objects.requireNonNull(s, "errorStyle"); return this; }
        /** Longest token accepted (characters), checked before decoding; default 8192. */
        public Builder maxTokenLength(int n) { maxTokenLength = n; return this; }
        /** Longest JSON body read for the {@code json} location (bytes); default 65536. */
        public Builder maxJsonBodyLength(int n) { maxJsonBodyLength = n; return this; }

        /** {@code JWT_PRIVATE_KEY}: PEM text of the signing key (PKCS#8, PKCS#1 or SEC 1), for RS/PS/ES/EdDSA; null for none. */
        public Builder privateKey(String pem) { privateKeyPem = pem == null || pem.isBlank() ? null : pem; return this; }
        /** {@code JWT_PUBLIC_KEY}: PEM text of the verification key (SPKI, PKCS#1 or a certificate); null for none. */
        public Builder publicKey(String pem) { publicKeyPem = pem == null || pem.isBlank() ? null : pem; return this; }
        /** {@code JWT_PRIVATE_KEY_FILE}: a PEM file read at {@link #build()}. */
        public Builder privateKeyFile(Path file) { privateKeyFile = file; return this; }
        /** {@code JWT_PUBLIC_KEY_FILE}: a PEM file read at {@link #build()}. */
        public Builder publicKeyFile(Path file) { publicKeyFile = file; return this; }
        /** {@code JWT_JWKS}: a JWK Set as JSON text (private keys sign, public keys verify); null for none. */
        public Builder jwks(String json) { jwksJson = json == null || json.isBlank() ? null : json; return this; }
        /** {@code JWT_JWKS_FILE}: a JWK Set file read at {@link #build()}. */
        public Builder jwksFile(Path file) { jwksFile = file; return this; }
        /** Keys given as objects, added to those read from PEM and JWKS settings. */
        public Builder keys(Collection<JwtKey> k) { keys = new ArrayList<>(Objects.requireNonNull(k, "keys")); return this; }
        /** {@link #keys(Collection)} with the values listed. */
        public Builder keys(JwtKey... k) { return keys(Arrays.asList(k)); }
        /**
         * {@code JWT_SIGNING_KID}: the {@code kid} of the key that signs (needed when several keys hold a
         * private key); for a PEM key, the {@code kid} it is given. Null for none.
         */
        public Builder signingKid(String kid) { signingKid = kid == null || kid.isBlank() ? null : kid; return this; }
        /** {@code JWT_JWKS_URL}: verify with the keys published at this URL (https, or http on a loopback address). */
        public Builder jwksUrl(URI url) { jwksUrl = url; return this; }
        /** {@code JWT_JWKS_CACHE_TTL}; default 5 minutes. */
        public Builder jwksCacheTtl(Duration d) { jwksCacheTtl = Objects.requireNonNull(d, "jwksCacheTtl"); return this; }
        /** {@code JWT_JWKS_REFETCH_INTERVAL}; default 30 seconds. */
        public Builder jwksRefetchInterval(Duration d) { jwksRefetchInterval = Objects.requireNonNull(d, "jwksRefetchInterval"); return this; }
        /** {@code JWT_JWKS_CONNECT_TIMEOUT}; default 2 seconds. */
        public Builder jwksConnectTimeout(Duration d) { jwksConnectTimeout = Objects.requireNonNull(d, "jwksConnectTimeout"); return this; }
        /** {@code JWT_JWKS_READ_TIMEOUT}; default 5 seconds. */
        public Builder jwksReadTimeout(Duration d) { jwksReadTimeout = Objects.requireNonNull(d, "jwksReadTimeout"); return this; }

        /** Validates and builds; {@link IllegalStateException} naming the offending option otherwise. */
        public JwtConfig build() {
            if (accessTokenExpires != null && (accessTokenExpires.isNegative() || accessTokenExpires.isZero())) {
                throw new IllegalStateException(name("JWT_ACCESS_TOKEN_EXPIRES") + " must be a positive duration (or explicitly 'never')");
            }
            if (refreshTokenExpires != null && (refreshTokenExpires.isNegative() || refreshTokenExpires.isZero())) {
                throw new IllegalStateException(name("JWT_REFRESH_TOKEN_EXPIRES") + " must be a positive duration (or explicitly 'never')");
            }
            if (decodeAlgorithms != null && decodeAlgorithms.isEmpty()) {
                throw new IllegalStateException(name("JWT_DECODE_ALGORITHMS") + " must name at least one algorithm");
            }
            if (decodeAlgorithms != null && decodeAlgorithms.contains(null)) {
                throw new IllegalStateException(name("JWT_DECODE_ALGORITHMS") + " contains an unsupported algorithm");
            }
            List<JwsAlgorithm> all = new ArrayList<>(decodeAlgorithms == null ? List.of() : decodeAlgorithms);
            all.add(algorithm);
            boolean anySymmetric = all.stream().anyMatch(JwsAlgorithm::isSymmetric);
            boolean anyAsymmetric = all.stream().anyMatch(JwsAlgorithm::isAsymmetric);
            if (anySymmetric && anyAsymmetric) {
                throw new IllegalStateException(name("JWT_ALGORITHM") + " and " + name("JWT_DECODE_ALGORITHMS")
                        + " cannot mix HMAC (HS*) with public-key "
                        + "algorithms (RS/PS/ES/EdDSA): a server that accepts both can be fooled into using a public key as an HMAC secret");
            }
            for (JwsAlgorithm a : all) {
                if (a.isSymmetric()) {
                    if (secretKey == null || secretKey.length == 0) {
                        throw new IllegalStateException(name("JWT_SECRET_KEY") + " must be set when using symmetric algorithm \"" + a + "\"");
                    }
                    if (secretKey.length < a.minKeyBytes()) {
                        throw new IllegalStateException(name("JWT_SECRET_KEY") + " is " + secretKey.length + " bytes; " + a
                                + " needs at least " + a.minKeyBytes() + " bytes (RFC 7518 section 3.2). Use a random key, e.g. 64 hex characters");
                    }
                }
            }
            if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
                throw new IllegalStateException(name("JWT_DECODE_LEEWAY") + " must be between 0 and 300 seconds");
            }
            if (tokenLocations.isEmpty()) {
                throw new IllegalStateException(name("JWT_TOKEN_LOCATION")
                        + " must contain at least one of \"headers\", \"cookies\", \"query_string\", or \"json\"");
            }
            if (tokenLocations.contains(null)) {
                throw new IllegalStateException(name("JWT_TOKEN_LOCATION")
                        + " can only contain \"headers\", \"cookies\", \"query_string\", or \"json\"");
            }
            requireText(headerName, name("JWT_HEADER_NAME"));
            requireNonNull(headerType, name("JWT_HEADER_TYPE"));
            requireText(errorMessageKey, name("JWT_ERROR_MESSAGE_KEY"));
            requireText(identityClaim, name("JWT_IDENTITY_CLAIM"));
            requireText(queryStringName, name("JWT_QUERY_STRING_NAME"));
            requireNonNull(queryStringValuePrefix, name("JWT_QUERY_STRING_VALUE_PREFIX"));
            requireText(jsonKey, name("JWT_JSON_KEY"));
            requireText(refreshJsonKey, name("JWT_REFRESH_JSON_KEY"));
            requireCookieName(accessCookieName, name("JWT_ACCESS_COOKIE_NAME"));
            requireCookieName(refreshCookieName, name("JWT_REFRESH_COOKIE_NAME"));
            requireCookieName(accessCsrfCookieName, name("JWT_ACCESS_CSRF_COOKIE_NAME"));
            requireCookieName(refreshCsrfCookieName, name("JWT_REFRESH_CSRF_COOKIE_NAME"));
            requirePath(accessCookiePath, name("JWT_ACCESS_COOKIE_PATH"));
            requirePath(refreshCookiePath, name("JWT_REFRESH_COOKIE_PATH"));
            requirePath(accessCsrfCookiePath, name("JWT_ACCESS_CSRF_COOKIE_PATH"));
            requirePath(refreshCsrfCookiePath, name("JWT_REFRESH_CSRF_COOKIE_PATH"));
            requireText(accessCsrfHeaderName, name("JWT_ACCESS_CSRF_HEADER_NAME"));
            requireText(refreshCsrfHeaderName, name("JWT_REFRESH_CSRF_HEADER_NAME"));
            requireText(accessCsrfFieldName, name("JWT_ACCESS_CSRF_FIELD_NAME"));
            requireText(refreshCsrfFieldName, name("JWT_REFRESH_CSRF_FIELD_NAME"));
            if (cookieDomain != null && (cookieDomain.isBlank() || !cookieDomain.matches("[A-Za-z0-9.-]+"))) {
                throw new IllegalStateException(name("JWT_COOKIE_DOMAIN") + " must be a host name");
            }
            if (cookieSameSite != null) {
                String s = cookieSameSite.toLowerCase(Locale.ROOT);
                switch (s) {
                    case "lax": cookieSameSite = "Lax"; break;
                    case "strict": cookieSameSite = "Strict"; break;
                    case "none": cookieSameSite = "None"; break;
                    default:
                        throw new IllegalStateException(name("JWT_COOKIE_SAMESITE") + " must be Lax, Strict or None");
                }
            }
            for (String m : csrfMethods) {
                if (m == null || !m.matches("[A-Za-z]+")) {
                    throw new IllegalStateException(name("JWT_CSRF_METHODS") + " must be HTTP method names");
                }
            }
            if (encodeAudience.contains(null) || (decodeAudience != null && decodeAudience.contains(null))
                    || (decodeIssuer != null && decodeIssuer.contains(null))) {
                throw new IllegalStateException(name("JWT_ENCODE_AUDIENCE") + ", " + name("JWT_DECODE_AUDIENCE") + " and "
                        + name("JWT_DECODE_ISSUER") + " cannot contain null");
            }
            if (maxTokenLength < 256) {
                throw new IllegalStateException(name("JWT_MAX_TOKEN_LENGTH") + " must be at least 256 characters");
            }
            if (maxJsonBodyLength < 256) {
                throw new IllegalStateException("maxJsonBodyLength(...) must be at least 256 bytes");
            }
            List<JwtKey> loaded = loadKeys(new LinkedHashSet<>(all));
            String signing = null;
            if (!loaded.isEmpty()) {
                signing = chooseSigningKey(loaded);
            }
            return new JwtConfig(this, loaded, signing);
        }

        private List<JwtKey> loadKeys(Set<JwsAlgorithm> allowed) {
            List<JwtKey> out = new ArrayList<>();
            String privPem = privateKeyPem != null ? privateKeyPem : read(privateKeyFile, name("JWT_PRIVATE_KEY_FILE"));
            String pubPem = publicKeyPem != null ? publicKeyPem : read(publicKeyFile, name("JWT_PUBLIC_KEY_FILE"));
            if (privPem != null || pubPem != null) {
                if (algorithm.isSymmetric()) {
                    throw new IllegalStateException(name("JWT_PRIVATE_KEY") + " and " + name("JWT_PUBLIC_KEY") + " need a public-key "
                            + name("JWT_ALGORITHM") + " (RS256, PS256, ES256, EdDSA, ...); " + algorithm + " uses " + name("JWT_SECRET_KEY"));
                }
                String joined = (privPem == null ? "" : privPem + "\n") + (pubPem == null ? "" : pubPem);
                try {
                    out.add(JwtKey.fromPem(algorithm, joined, signingKid));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(name("JWT_PRIVATE_KEY") + "/" + name("JWT_PUBLIC_KEY") + ": " + e.getMessage());
                }
            }
            String set = jwksJson != null ? jwksJson : read(jwksFile, name("JWT_JWKS_FILE"));
            if (set != null) {
                try {
                    out.addAll(Jwks.parse(set, algorithm.isAsymmetric() ? algorithm : null));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(name("JWT_JWKS") + "/" + name("JWT_JWKS_FILE") + ": " + e.getMessage());
                }
            }
            out.addAll(keys);
            if (out.isEmpty()) {
                if (jwksUrl != null) {
                    checkJwksUrl();
                }
                return out;
            }
            if (jwksUrl != null) {
                throw new IllegalStateException(name("JWT_JWKS_URL") + " cannot be combined with local keys: a service that verifies "
                        + "with a remote JWKS only verifies");
            }
            try {
                StaticKeyResolver.of(out); // refuses mixed symmetric/asymmetric sets and duplicate kids
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The configured keys: " + e.getMessage());
            }
            for (JwtKey k : out) {
                if (!allowed.contains(k.algorithm())) {
                    throw new IllegalStateException("A configured key is bound to " + k.algorithm()
                            + ", which " + name("JWT_ALGORITHM") + "/" + name("JWT_DECODE_ALGORITHMS") + " do not allow");
                }
            }
            for (JwsAlgorithm a : allowed) {
                if (a.isAsymmetric() && out.stream().noneMatch(k -> k.algorithm() == a)) {
                    throw new IllegalStateException(name("JWT_DECODE_ALGORITHMS") + " allows " + a + " but no configured key is bound to it "
                            + "(one key, one algorithm: give its key in " + name("JWT_JWKS_FILE") + ")");
                }
            }
            return out;
        }

        private String chooseSigningKey(List<JwtKey> loaded) {
            List<JwtKey> signers = loaded.stream().filter(JwtKey::canSign).toList();
            if (signers.isEmpty() || signers.get(0).isSymmetric()) {
                return null; // verify only, or HMAC keys (whose first one signs)
            }
            JwtKey chosen;
            if (signingKid != null) {
                chosen = signers.stream().filter(k -> signingKid.equals(k.keyId())).findFirst().orElseThrow(() ->
                        new IllegalStateException(name("JWT_SIGNING_KID") + " names no configured private key"));
            } else if (signers.size() == 1) {
                chosen = signers.get(0);
            } else {
                throw new IllegalStateException("Several configured keys can sign: set " + name("JWT_SIGNING_KID")
                        + " to the kid of the one that signs");
            }
            if (chosen.algorithm() != algorithm) {
                throw new IllegalStateException("The signing key is bound to " + chosen.algorithm() + " but " + name("JWT_ALGORITHM")
                        + " is " + algorithm);
            }
            if (chosen.keyId() == null && signers.size() > 1) {
                throw new IllegalStateException("The signing key needs a kid when several keys are configured");
            }
            return chosen.keyId();
        }

        private void checkJwksUrl() {
            String scheme = jwksUrl.getScheme() == null ? "" : jwksUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(jwksUrl.getHost()))) {
                throw new IllegalStateException(name("JWT_JWKS_URL") + " must be an https URL (plain http only on a loopback address)");
            }
            if (algorithm.isSymmetric()) {
                throw new IllegalStateException(name("JWT_JWKS_URL") + " needs a public-key " + name("JWT_ALGORITHM")
                        + " (RS256, ES256, EdDSA, ...)");
            }
            for (Duration d : List.of(jwksCacheTtl, jwksRefetchInterval, jwksConnectTimeout, jwksReadTimeout)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalStateException(name("JWT_JWKS_CACHE_TTL") + ", " + name("JWT_JWKS_REFETCH_INTERVAL") + ", "
                            + name("JWT_JWKS_CONNECT_TIMEOUT") + " and " + name("JWT_JWKS_READ_TIMEOUT") + " must be positive");
                }
            }
        }

        static boolean isLoopback(String host) {
            if (host == null) {
                return false;
            }
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
        }

        private static String read(Path file, String name) {
            if (file == null) {
                return null;
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(name + " cannot be read");
            }
        }

        private static void requireNonNull(String v, String name) {
            if (v == null) {
                throw new IllegalStateException(name + " cannot be null");
            }
        }

        private static void requireText(String v, String name) {
            if (v == null || v.isBlank()) {
                throw new IllegalStateException(name + " cannot be empty");
            }
        }

        private static void requireCookieName(String v, String name) {
            // RFC 6265 token characters: no separators, spaces or controls.
            if (v == null || !v.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalStateException(name + " must be a valid cookie name");
            }
        }

        private static void requirePath(String v, String name) {
            if (v == null || !v.startsWith("/") || v.chars().anyMatch(c -> c < 0x21 || c == ';' || c == 0x7f)) {
                throw new IllegalStateException(name + " must be a path starting with /");
            }
        }
    }
}
