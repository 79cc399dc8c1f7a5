package io.github.jwtextended.config;

import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.KeySource;
import io.github.jwtextended.key.RemoteJwks;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every option of flask-jwt-extended, under Java names, in immutable groups. The table of options
 * with their flask keys and defaults is {@code docs/compatibility.md}; a test holds it against
 * {@link Settings}, the one mapping table.
 *
 * <pre>{@code
 * JwtConfig config = JwtConfig.builder()
 *         .keys(k -> k.withSecret(secret))
 *         .tokenLocations(TokenLocation.COOKIES, TokenLocation.HEADERS)
 *         .cookies(c -> c.withSecure(true).withSameSite("Lax"))
 *         .access(a -> a.withExpires(Duration.ofMinutes(5)))
 *         .build();
 * }</pre>
 *
 * <p><b>Why it is shaped so.</b> Each option is declared once, as a component of a group record
 * ({@link TokenKindSettings}, {@link CsrfNames}, {@link CookieSettings}, {@link CsrfSettings},
 * {@link HeaderSettings}, {@link QuerySettings}, {@link EncodeSettings}, {@link DecodeSettings},
 * {@link ClaimSettings}, {@link ErrorSettings}, {@link LimitSettings}, and {@link KeySource} with
 * its parts for the keys), with its default stated once in the record's {@code DEFAULTS} constant
 * and its own checks in the record's compact constructor. A record's {@code withX} method is how a
 * Java user changes it, so the builder has one method per group, not per option; records keep
 * a configuration immutable without a copy constructor or getter to write. What differs between
 * access and refresh tokens is one record used twice, so that code handling either kind asks
 * {@link #kind(boolean)} once instead of choosing between two names for each. Each option's flask
 * key (and from it its Spring property) is stated once, in the mapping table {@link Settings},
 * next to its Java name, the path of record components that leads to it ({@code access.cookieName});
 * the table reads and sets the component through that path, so no option needs code of its own
 * there either. The keys are only described ({@link KeySource}); reading and parsing them is the
 * key package's ({@link io.github.jwtextended.key.KeyResolvers}, when the manager is built): the
 * key package sits below this one and never imports it, and this package imports nothing above it.
 *
 * <p><b>Refusals.</b> A group refuses a bad value when it is set; {@link Builder#build()} (the
 * canonical constructor) refuses what involves several groups: no secret, or an HMAC secret
 * shorter than its hash output (RFC 7518 §3.2), for an HMAC algorithm; an allow-list mixing HMAC
 * with public-key algorithms; PEM keys under an HMAC algorithm; a JWKS URL that is not https
 * (http only on loopback), under an HMAC algorithm, with non-positive client durations, or next to
 * local keys; no token location. Every refusal is an {@link InvalidSettingException} naming the
 * setting the way it was given (its Java name here, its flask key through {@link FlaskConfig}).
 * The keys themselves are checked when the manager is built (see
 * {@link io.github.jwtextended.key.KeyResolvers}).
 *
 * <p>Thread safety: immutable.
 *
 * @param keys           where the keys come from, and the signing algorithm
 * @param encode         what new tokens carry
 * @param decode         what a token must be to be accepted; its allow-list always holds the signing algorithm
 * @param claims         the identity claim and the checks of {@code sub} and {@code type}
 * @param limits         sizes refused before parsing
 * @param tokenLocations where a token may travel, in order of precedence
 * @param header         the {@code headers} location
 * @param query          the {@code query_string} location
 * @param access         the access tokens' lifetime, cookies, CSRF names and JSON key
 * @param refresh        the refresh tokens' lifetime, cookies, CSRF names and JSON key
 * @param cookies        the attributes of every cookie
 * @param csrf           the CSRF double-submit protection
 * @param errors         how failures are answered
 * @param settingNames   how refusals name a setting, from its Java name, the way the application gave it (for those
 *                       made after the configuration is built, the manager's); not part of the configuration's value:
 *                       {@code equals}, {@code hashCode} and {@code toString} leave it out
 */
public record JwtConfig(KeySource keys, EncodeSettings encode, DecodeSettings decode, ClaimSettings claims,
                        LimitSettings limits, List<TokenLocation> tokenLocations, HeaderSettings header, QuerySettings query,
                        TokenKindSettings access, TokenKindSettings refresh, CookieSettings cookies, CsrfSettings csrf,
                        ErrorSettings errors, UnaryOperator<String> settingNames) {
    private static final String LOCATIONS = "\"headers\", \"cookies\", \"query_string\", or \"json\"";

    /** Refuses what involves several groups (see the class comment); the allow-list gains the signing algorithm. */
    public JwtConfig {
        for (Object group : new Object[] {keys, encode, decode, claims, limits, header, query, access, refresh, cookies, csrf, errors}) {
            Objects.requireNonNull(group, "a settings group");
        }
        settingNames = settingNames == null ? UnaryOperator.identity() : settingNames;
        tokenLocations = locations(tokenLocations);
        decode = decode.withAlgorithms(allowList(decode.algorithms(), keys.algorithm()));
        checkAlgorithms(keys, decode.algorithms());
        checkKeySource(keys);
    }

    private static List<TokenLocation> locations(List<TokenLocation> l) {
        if (l == null || l.isEmpty()) {
            throw new InvalidSettingException("%s must contain at least one of " + LOCATIONS, "tokenLocations");
        }
        for (TokenLocation t : l) {
            if (t == null) {
                throw new InvalidSettingException("%s can only contain " + LOCATIONS, "tokenLocations");
            }
        }
        return List.copyOf(l);
    }

    /** flask's rule: no list means the signing algorithm alone; the signing algorithm is appended when missing. */
    private static Set<JwsAlgorithm> allowList(Set<JwsAlgorithm> given, JwsAlgorithm signing) {
        Set<JwsAlgorithm> all = new LinkedHashSet<>(given == null ? Set.of() : given);
        all.add(signing);
        return all;
    }

    private static void checkAlgorithms(KeySource keys, Set<JwsAlgorithm> allowed) {
        boolean symmetric = allowed.stream().anyMatch(JwsAlgorithm::isSymmetric);
        if (symmetric && allowed.stream().anyMatch(JwsAlgorithm::isAsymmetric)) {
            throw new InvalidSettingException("%s and %s cannot mix HMAC (HS*) with public-key algorithms (RS/PS/ES/EdDSA): "
                    + "a server that accepts both can be fooled into using a public key as an HMAC secret",
                    "keys.algorithm", "decode.algorithms");
        }
        for (JwsAlgorithm a : allowed) {
            if (!a.isSymmetric()) {
                continue;
            }
            if (keys.secretLength() == 0) {
                throw new InvalidSettingException("%s must be set when using symmetric algorithm \"" + a + "\"", "keys.secret");
            }
            if (keys.secretLength() < a.minKeyBytes()) {
                throw new InvalidSettingException("%s is " + keys.secretLength() + " bytes; " + a + " needs at least "
                        + a.minKeyBytes() + " bytes (RFC 7518 section 3.2). Use a random key, e.g. 64 hex characters", "keys.secret");
            }
        }
    }

    /** What can be told of the keys without reading them. */
    private static void checkKeySource(KeySource keys) {
        if (keys.pem().any() && keys.algorithm().isSymmetric()) {
            throw new InvalidSettingException("%s and %s need a public-key %s (RS256, PS256, ES256, EdDSA, ...); "
                    + keys.algorithm() + " uses %s", "keys.pem.privateKey", "keys.pem.publicKey", "keys.algorithm", "keys.secret");
        }
        URI url = keys.remote().url();
        if (url == null) {
            return;
        }
        if (!RemoteJwks.isAllowedUrl(url)) {
            throw new InvalidSettingException("%s must be an https URL (plain http only on a loopback address)", "keys.remote.url");
        }
        if (keys.algorithm().isSymmetric()) {
            throw new InvalidSettingException("%s needs a public-key %s (RS256, ES256, EdDSA, ...)", "keys.remote.url", "keys.algorithm");
        }
        if (!keys.remote().durationsPositive()) {
            throw new InvalidSettingException("%s, %s, %s, %s and %s must be positive", "keys.remote.cacheTtl",
                    "keys.remote.refetchInterval", "keys.remote.connectTimeout", "keys.remote.readTimeout", "keys.remote.maxStaleness");
        }
        if (!keys.remote().stalenessCoversCache()) {
            throw new InvalidSettingException("%s must be at least %s", "keys.remote.maxStaleness", "keys.remote.cacheTtl");
        }
        if (keys.hasLocalKeys()) {
            throw new InvalidSettingException("%s cannot be combined with local keys: a service that verifies with a remote "
                    + "JWKS only verifies", "keys.remote.url");
        }
    }

    /** Equal settings, however they were given. */
    @Override
    public boolean equals(Object o) {
        return o instanceof JwtConfig c && keys.equals(c.keys) && encode.equals(c.encode) && decode.equals(c.decode)
                && claims.equals(c.claims) && limits.equals(c.limits) && tokenLocations.equals(c.tokenLocations)
                && header.equals(c.header) && query.equals(c.query) && access.equals(c.access) && refresh.equals(c.refresh)
                && cookies.equals(c.cookies) && csrf.equals(c.csrf) && errors.equals(c.errors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keys, encode, decode, claims, limits, tokenLocations, header, query, access, refresh, cookies, csrf, errors);
    }

    /** The settings (the secret and keys never shown), without the naming. */
    @Override
    public String toString() {
        return "JwtConfig[" + keys + ", " + encode + ", " + decode + ", " + claims + ", " + limits + ", tokenLocations="
                + tokenLocations + ", " + header + ", " + query + ", access=" + access + ", refresh=" + refresh + ", " + cookies
                + ", " + csrf + ", " + errors + "]";
    }

    /** The settings of refresh tokens when {@code refresh}, else of access tokens. */
    public TokenKindSettings kind(boolean refresh) {
        return refresh ? this.refresh : access;
    }

    /** A builder starting from every group's defaults. */
    public static Builder builder() {
        return new Builder(Draft.DEFAULTS);
    }

    /** A builder holding this configuration's groups, to derive a changed copy; its refusals name the settings as this one's do. */
    public Builder toBuilder() {
        return new Builder(new Draft(keys, encode, decode, claims, limits, tokenLocations, header, query, access, refresh, cookies,
                csrf, errors)).settingNames(settingNames);
    }

    /**
     * The groups of a configuration not yet checked as a whole: what a {@link Builder} holds. Its
     * components are {@link JwtConfig}'s, so that a setting's Java name is a path in both.
     */
    record Draft(KeySource keys, EncodeSettings encode, DecodeSettings decode, ClaimSettings claims, LimitSettings limits,
                 List<TokenLocation> tokenLocations, HeaderSettings header, QuerySettings query, TokenKindSettings access,
                 TokenKindSettings refresh, CookieSettings cookies, CsrfSettings csrf, ErrorSettings errors) {
        /** Every group's defaults; headers only. */
        static final Draft DEFAULTS = new Draft(KeySource.DEFAULTS, EncodeSettings.DEFAULTS, DecodeSettings.DEFAULTS,
                ClaimSettings.DEFAULTS, LimitSettings.DEFAULTS, List.of(TokenLocation.HEADERS), HeaderSettings.DEFAULTS,
                QuerySettings.DEFAULTS, TokenKindSettings.ACCESS_DEFAULTS, TokenKindSettings.REFRESH_DEFAULTS, CookieSettings.DEFAULTS,
                CsrfSettings.DEFAULTS, ErrorSettings.DEFAULTS);

        JwtConfig config(UnaryOperator<String> names) {
            return new JwtConfig(keys, encode, decode, claims, limits, tokenLocations, header, query, access, refresh, cookies, csrf,
                    errors, names);
        }
    }

    /**
     * Holds one record per group, each starting from its defaults; each method changes one group
     * ({@code .cookies(c -> c.withSecure(true))}). A bad value is refused where it is set, what
     * involves several groups by {@link #build()}. Not thread safe; the configuration it builds is.
     */
    public static final class Builder {
        private Draft draft;
        /** How refusals name a setting not given by a loader of its own names: by its Java name, unless said otherwise. */
        private UnaryOperator<String> names = UnaryOperator.identity();
        /** The settings a loader gave, by Java name, and the names it gave them under. */
        private final Map<String, String> given = new HashMap<>();

        private Builder(Draft draft) {
            this.draft = draft;
        }

        /** Where the keys come from and the signing algorithm; default HS256 with no key (a secret is then required). */
        public Builder keys(UnaryOperator<KeySource> change) { return change("keys", change); }
        public Builder encode(UnaryOperator<EncodeSettings> change) { return change("encode", change); }
        public Builder decode(UnaryOperator<DecodeSettings> change) { return change("decode", change); }
        public Builder claims(UnaryOperator<ClaimSettings> change) { return change("claims", change); }
        public Builder limits(UnaryOperator<LimitSettings> change) { return change("limits", change); }

        /** Where a token may travel, in order of precedence; default headers only. */
        public Builder tokenLocations(Collection<TokenLocation> locations) {
            return set(RecordPath.of(Draft.class, "tokenLocations"), new ArrayList<>(Objects.requireNonNull(locations, "tokenLocations")));
        }

        public Builder tokenLocations(TokenLocation... locations) {
            return tokenLocations(Arrays.asList(locations));
        }

        public Builder header(UnaryOperator<HeaderSettings> change) { return change("header", change); }
        public Builder query(UnaryOperator<QuerySettings> change) { return change("query", change); }
        public Builder access(UnaryOperator<TokenKindSettings> change) { return change("access", change); }
        public Builder refresh(UnaryOperator<TokenKindSettings> change) { return change("refresh", change); }
        public Builder cookies(UnaryOperator<CookieSettings> change) { return change("cookies", change); }
        public Builder csrf(UnaryOperator<CsrfSettings> change) { return change("csrf", change); }
        public Builder errors(UnaryOperator<ErrorSettings> change) { return change("errors", change); }

        /** A change made here, in Java: a refusal names the setting by its Java name ({@code cookies.sameSite}). */
        @SuppressWarnings("unchecked")
        private <T> Builder change(String group, UnaryOperator<T> change) {
            RecordPath path = RecordPath.of(Draft.class, group);
            T changed = Checks.within(group, (T) path.get(draft), change);
            return set(path, Objects.requireNonNull(changed, group));
        }

        /**
         * Sets the component at {@code path} of the draft (a path from {@link Draft}); a refusal
         * names it by its Java name, for the caller to name it as it was given.
         */
        Builder set(RecordPath path, Object value) {
            draft = path.with(draft, value);
            return this;
        }

        /** The component at {@code path} of the draft. */
        Object get(RecordPath path) {
            return path.get(draft);
        }

        /**
         * How refusals at {@link #build()}, and the manager's later, name the settings that no loader
         * gave under names of its own (a front end's: {@code SettingNames.properties("jwt")}); by
         * default their Java names.
         */
        public Builder settingNames(UnaryOperator<String> names) {
            this.names = Objects.requireNonNull(names, "names");
            return this;
        }

        /** Records that the setting {@code javaName} was given under {@code name}: refusals name it so. */
        Builder givenAs(String javaName, String name) {
            given.put(javaName, name);
            return this;
        }

        /** Each setting named as it was given, else by {@link #settingNames}. */
        private UnaryOperator<String> resolvedNames() {
            Map<String, String> byLoader = Map.copyOf(given);
            UnaryOperator<String> fallback = names;
            return byLoader.isEmpty() ? fallback : javaName -> byLoader.getOrDefault(javaName, fallback.apply(javaName));
        }

        /** The configuration; an {@link InvalidSettingException} naming the settings that do not go together, as they were given. */
        public JwtConfig build() {
            UnaryOperator<String> resolved = resolvedNames();
            try {
                return draft.config(resolved);
            } catch (InvalidSettingException e) {
                throw e.named(resolved);
            }
        }
    }
}
