package io.github.jwtextended.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenKindSettings;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.BadRequestException;
import io.github.jwtextended.error.CsrfException;
import io.github.jwtextended.error.InvalidTokenException;
import io.github.jwtextended.error.MissingTokenException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static io.github.jwtextended.error.InvalidTokenException.Reason.REQUEST;

/**
 * Finds the token in one location of a request, with flask-jwt-extended's rules and messages.
 * A missing token is a {@link MissingTokenException} (the caller may try the next location);
 * every other problem (an {@link InvalidTokenException} for a malformed carrier, a
 * {@link CsrfException}, a {@link BadRequestException}) ends the search. The CSRF value of a
 * cookie token is read here, before the token is decoded.
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class TokenExtractor {
    /**
     * Duplicate member names make a body invalid JSON: a repeated parameter is refused, never resolved
     * by last-wins (SECURITY.md row F15).
     */
    private static final ObjectMapper BODY_MAPPER = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final JwtConfig config;

    public TokenExtractor(JwtConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The token in {@code location}; {@code refresh} selects the refresh cookie, CSRF header and JSON key. */
    public ExtractedToken extract(JwtRequest request, TokenLocation location, boolean refresh) {
        return switch (location) {
            case HEADERS -> new ExtractedToken(fromHeader(request), location, null);
            case COOKIES -> fromCookie(request, refresh);
            case QUERY_STRING -> new ExtractedToken(fromQueryString(request), location, null);
            case JSON -> new ExtractedToken(fromJson(request, refresh), location, null);
        };
    }

    private String fromHeader(JwtRequest request) {
        String name = config.header().name();
        String type = config.header().type();
        List<String> lines = request.headers(name);
        if (lines.size() > 1) {
            throw new BadRequestException("Multiple " + name + " headers");
        }
        String value = lines.isEmpty() ? "" : strip(lines.get(0));
        if (value.isEmpty()) {
            throw new MissingTokenException("Missing " + name + " Header");
        }
        if (type.isEmpty()) {
            Words w = Words.of(value, 0, value.length());
            if (w.count() != 1) {
                throw new InvalidTokenException(REQUEST, "Bad " + name + " header. Expected '" + name + ": <JWT>'");
            }
            return w.first(value);
        }
        // Entries are separated by ",\\s*"; the one whose first word is the scheme must be the only one.
        // One pass over the value, no regular expression and no copy but the token itself: a huge
        // header costs a scan, not a series of splits (oversized input is refused in bounded time; P9).
        int matches = 0;
        Words found = null;
        int start = 0;
        int n = value.length();
        while (true) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            Words w = Words.of(value, start, end);
            if (w.count() > 0 && schemeMatches(value, w.firstStart(), w.firstEnd(), type)) {
                matches++;
                found = w;
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        if (matches != 1) {
            throw new MissingTokenException("Missing '" + type + "' type in '" + name + "' header. Expected '"
                    + name + ": " + type + " <JWT>'");
        }
        if (found.count() != 2) {
            throw new InvalidTokenException(REQUEST, "Bad " + name + " header. Expected '" + name + ": " + type + " <JWT>'");
        }
        return found.second(value);
    }

    /**
     * Python's {@code s[from:to].split()} as far as it matters here: how many words there are
     * ({@code count} 0, 1, 2, or 3 for three or more) and where the first two stand in {@code s},
     * over the range stripped of whitespace at both ends ({@link Character#isWhitespace}) and split
     * at runs of ASCII whitespace. Positions of a word that is not there are 0.
     */
    private record Words(int count, int firstStart, int firstEnd, int secondStart, int secondEnd) {
        private static final Words NONE = new Words(0, 0, 0, 0, 0);

        static Words of(String s, int from, int to) {
            while (from < to && Character.isWhitespace(s.charAt(from))) from++;
            while (to > from && Character.isWhitespace(s.charAt(to - 1))) to--;
            if (from == to) {
                return NONE;
            }
            int e1 = from;
            while (e1 < to && !isAsciiSpace(s.charAt(e1))) e1++;
            if (e1 == to) {
                return new Words(1, from, e1, 0, 0);
            }
            int s2 = e1;
            while (s2 < to && isAsciiSpace(s.charAt(s2))) s2++;
            int e2 = s2;
            while (e2 < to && !isAsciiSpace(s.charAt(e2))) e2++;
            return new Words(e2 == to ? 2 : 3, from, e1, s2, e2);
        }

        String first(String s) {
            return s.substring(firstStart, firstEnd);
        }

        String second(String s) {
            return s.substring(secondStart, secondEnd);
        }
    }

    /** Java's {@code \\s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The auth-scheme comparison: ASCII case-insensitive (RFC 9110 §11.1) unless configured exact. */
    private boolean schemeMatches(String s, int from, int to, String type) {
        if (to - from != type.length()) {
            return false;
        }
        if (config.header().typeCaseSensitive()) {
            return s.startsWith(type, from);
        }
        for (int i = 0; i < type.length(); i++) {
            char a = s.charAt(from + i);
            char b = type.charAt(i);
            if (a != b && !(isAsciiLetter(a) && isAsciiLetter(b) && (a | 0x20) == (b | 0x20))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
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

    private ExtractedToken fromCookie(JwtRequest request, boolean refresh) {
        TokenKindSettings kind = config.kind(refresh);
        String cookieName = kind.cookieName();
        String token = request.cookie(cookieName);
        if (token == null || token.isEmpty()) {
            throw new MissingTokenException("Missing cookie \"" + cookieName + "\"");
        }
        String csrf = null;
        if (config.csrf().protect() && config.csrf().methods().contains(request.method().toUpperCase(Locale.ROOT))) {
            csrf = request.header(kind.csrf().headerName());
            if ((csrf == null || csrf.isEmpty()) && config.csrf().checkForm()) {
                csrf = request.formParam(kind.csrf().fieldName());
            }
            if (csrf == null || csrf.isEmpty()) {
                throw new CsrfException("Missing CSRF token");
            }
        }
        return new ExtractedToken(token, TokenLocation.COOKIES, csrf);
    }

    private String fromQueryString(JwtRequest request) {
        String name = config.query().name();
        List<String> values = request.queryParams(name);
        if (values.size() > 1) {
            throw new BadRequestException("Multiple '" + name + "' query parameters");
        }
        String value = values.isEmpty() ? null : values.get(0);
        if (value == null || value.isEmpty()) {
            throw new MissingTokenException("Missing '" + name + "' query paramater");
        }
        String prefix = config.query().valuePrefix();
        if (!value.startsWith(prefix)) {
            throw new InvalidTokenException(REQUEST, "Invalid value for query parameter '" + name
                    + "'. Expected the value to start with '" + prefix + "'");
        }
        return value.substring(prefix.length());
    }

    private String fromJson(JwtRequest request, boolean refresh) {
        if (!isJson(request.contentType())) {
            throw new MissingTokenException("Invalid content-type. Must be application/json.");
        }
        String key = config.kind(refresh).jsonKey();
        String missing = "Missing \"" + key + "\" key in json data.";
        int limit = config.limits().maxJsonBodyLength();
        byte[] body = request.body(limit);
        if (body.length > limit) {
            throw new BadRequestException("Request body too large");
        }
        Object parsed;
        try {
            parsed = body.length == 0 ? null : BODY_MAPPER.readValue(body, Object.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw new MissingTokenException(missing); // flask: invalid JSON counts as missing
        }
        if (!(parsed instanceof Map<?, ?> members)) {
            throw new MissingTokenException(missing); // flask answers 500 for a list or string body
        }
        Object value = members.get(key);
        if (value == null || Boolean.FALSE.equals(value) || "".equals(value)
                || (value instanceof Number number && number.doubleValue() == 0)
                || (value instanceof List<?> list && list.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty())) {
            throw new MissingTokenException(missing); // Python falsy values
        }
        if (!(value instanceof String token)) {
            throw new InvalidTokenException(REQUEST, "Invalid token type. Token must be a string");
        }
        return token;
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
