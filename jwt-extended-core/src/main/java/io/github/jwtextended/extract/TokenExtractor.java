package io.github.jwtextended.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.AmbiguousRequestException;
import io.github.jwtextended.error.CsrfException;
import io.github.jwtextended.error.DecodeException;
import io.github.jwtextended.error.InvalidHeaderException;
import io.github.jwtextended.error.InvalidQueryParamException;
import io.github.jwtextended.error.NoAuthorizationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Finds the token in one location of a request, with flask-jwt-extended's rules and messages.
 * A missing token is a {@link NoAuthorizationException} (the caller may try the next location);
 * every other problem ({@link InvalidHeaderException}, {@link InvalidQueryParamException},
 * {@link CsrfException}, {@link AmbiguousRequestException}) ends the search. The CSRF value of a
 * cookie token is read here, before the token is decoded.
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class TokenExtractor {
    private static final Pattern ENTRY_SEPARATOR = Pattern.compile(",\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final ObjectMapper BODY_MAPPER = JsonMapper.builder().build();

    private final JwtConfig config;

    public TokenExtractor(JwtConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The token in {@code location}; {@code refresh} selects the refresh cookie, CSRF header and JSON key. */
    public ExtractedToken extract(JwtRequest request, TokenLocation location, boolean refresh) {
        switch (location) {
            case HEADERS:
                return new ExtractedToken(fromHeader(request), location, null);
            case COOKIES:
                return fromCookie(request, refresh);
            case QUERY_STRING:
                return new ExtractedToken(fromQueryString(request), location, null);
            case JSON:
                return new ExtractedToken(fromJson(request, refresh), location, null);
            default:
                throw new IllegalArgumentException("unknown location");
        }
    }

    private String fromHeader(JwtRequest request) {
        String name = config.headerName();
        String type = config.headerType();
        List<String> lines = request.headers(name);
        if (lines.size() > 1) {
            throw new AmbiguousRequestException("Multiple " + name + " headers");
        }
        String value = lines.isEmpty() ? "" : strip(lines.get(0));
        if (value.isEmpty()) {
            throw new NoAuthorizationException("Missing " + name + " Header");
        }
        if (type.isEmpty()) {
            String[] parts = split(value);
            if (parts.length != 1) {
                throw new InvalidHeaderException("Bad " + name + " header. Expected '" + name + ": <JWT>'");
            }
            return parts[0];
        }
        String simple = typeAndToken(value, type);
        if (simple != null) {
            return simple;
        }
        List<String> matching = new ArrayList<>(1);
        for (String entry : ENTRY_SEPARATOR.split(value)) {
            String[] words = split(entry);
            if (words.length > 0 && words[0].equals(type)) {
                matching.add(entry);
            }
        }
        if (matching.size() != 1) {
            throw new NoAuthorizationException("Missing '" + type + "' type in '" + name + "' header. Expected '"
                    + name + ": " + type + " <JWT>'");
        }
        String[] parts = split(matching.get(0));
        if (parts.length != 2) {
            throw new InvalidHeaderException("Bad " + name + " header. Expected '" + name + ": " + type + " <JWT>'");
        }
        return parts[1];
    }

    /**
     * The common case without regular expressions or copies: {@code value} is exactly the type, one
     * space and a token containing neither a comma nor whitespace. The answer is then the one the
     * general rules below give (one entry, two words, the first the type); null for anything else,
     * which the general rules decide.
     */
    private static String typeAndToken(String value, String type) {
        int n = type.length();
        if (value.length() < n + 2 || value.charAt(n) != ' ' || !value.startsWith(type) || hasSeparator(type, 0)
                || Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            return null; // (whitespace the general rules strip: e.g. before a comma that strip() removed)
        }
        return hasSeparator(value, n + 1) ? null : value.substring(n + 1);
    }

    /** Whether {@code s} holds, from {@code from} on, a comma or a character of the regex class {@code \s}. */
    private static boolean hasSeparator(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Python's {@code s.strip().strip(",")}. */
    private static String strip(String s) {
        String t = s.strip();
        int from = 0;
        int to = t.length();
        while (from < to && t.charAt(from) == ',') from++;
        while (to > from && t.charAt(to - 1) == ',') to--;
        return t.substring(from, to);
    }

    /** Python's {@code s.split()}: words separated by whitespace, none empty. */
    private static String[] split(String s) {
        String t = s.strip();
        return t.isEmpty() ? new String[0] : WHITESPACE.split(t);
    }

    private ExtractedToken fromCookie(JwtRequest request, boolean refresh) {
        String cookieName = refresh ? config.refreshCookieName() : config.accessCookieName();
        String token = request.cookie(cookieName);
        if (token == null || token.isEmpty()) {
            throw new NoAuthorizationException("Missing cookie \"" + cookieName + "\"");
        }
        String csrf = null;
        if (config.csrfProtect() && config.csrfMethods().contains(request.method().toUpperCase(Locale.ROOT))) {
            csrf = request.header(refresh ? config.refreshCsrfHeaderName() : config.accessCsrfHeaderName());
            if ((csrf == null || csrf.isEmpty()) && config.csrfCheckForm()) {
                csrf = request.formParam(refresh ? config.refreshCsrfFieldName() : config.accessCsrfFieldName());
            }
            if (csrf == null || csrf.isEmpty()) {
                throw new CsrfException("Missing CSRF token");
            }
        }
        return new ExtractedToken(token, TokenLocation.COOKIES, csrf);
    }

    private String fromQueryString(JwtRequest request) {
        String name = config.queryStringName();
        List<String> values = request.queryParams(name);
        if (values.size() > 1) {
            throw new AmbiguousRequestException("Multiple '" + name + "' query parameters");
        }
        String value = values.isEmpty() ? null : values.get(0);
        if (value == null || value.isEmpty()) {
            throw new NoAuthorizationException("Missing '" + name + "' query paramater");
        }
        String prefix = config.queryStringValuePrefix();
        if (!value.startsWith(prefix)) {
            throw new InvalidQueryParamException("Invalid value for query parameter '" + name
                    + "'. Expected the value to start with '" + prefix + "'");
        }
        return value.substring(prefix.length());
    }

    private String fromJson(JwtRequest request, boolean refresh) {
        if (!isJson(request.contentType())) {
            throw new NoAuthorizationException("Invalid content-type. Must be application/json.");
        }
        String key = refresh ? config.refreshJsonKey() : config.jsonKey();
        String missing = "Missing \"" + key + "\" key in json data.";
        byte[] body = request.body(config.maxJsonBodyLength());
        if (body.length > config.maxJsonBodyLength()) {
            throw new AmbiguousRequestException("Request body too large");
        }
        Object parsed;
        try {
            parsed = body.length == 0 ? null : BODY_MAPPER.readValue(body, Object.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw new NoAuthorizationException(missing); // flask: invalid JSON counts as missing
        }
        if (!(parsed instanceof Map)) {
            throw new NoAuthorizationException(missing); // flask answers 500 for a list or string body
        }
        Object value = ((Map<?, ?>) parsed).get(key);
        if (value == null || Boolean.FALSE.equals(value) || "".equals(value)
                || (value instanceof Number && ((Number) value).doubleValue() == 0)
                || (value instanceof List && ((List<?>) value).isEmpty())
                || (value instanceof Map && ((Map<?, ?>) value).isEmpty())) {
            throw new NoAuthorizationException(missing); // Python falsy values
        }
        if (!(value instanceof String)) {
            throw new DecodeException("Invalid token type. Token must be a string");
        }
        return (String) value;
    }

    /** Werkzeug's {@code is_json}: {@code application/json} or {@code application/*+json}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
    }
}
