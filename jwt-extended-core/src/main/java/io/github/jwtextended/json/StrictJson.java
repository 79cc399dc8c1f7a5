package io.github.jwtextended.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON rules for token headers and claims (RFC 7515 §10.12, RFC 8725 §3.7): UTF-8 only, one
 * complete object, no duplicate member names, no trailing content, no JSON extensions, a nesting
 * depth of at most 32, numbers of at most 40 characters, and no lone surrogate, raw or escaped
 * ({@code "\ud800"} denotes no Unicode scalar value, so it is refused like bytes that are not UTF-8). Objects are read with Jackson's
 * streaming parser straight from the bytes (ASCII input skips the separate UTF-8 check); nested
 * arrays and objects come back unmodifiable.
 *
 * <p>Thread safety: immutable and thread safe (Jackson's mapper is, once configured).
 */
public final class StrictJson {
    /** Deepest nesting accepted in a token's header or claims. */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(40)
                            .maxStringLength(64 * 1024)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String NOT_UTF8 = "not valid UTF-8";

    private StrictJson() {
    }

    /** A string or member name with an escaped lone surrogate: not a Unicode scalar value, refused like bad UTF-8 (A24). */
    private static final class LoneSurrogate extends JsonParseException {
        LoneSurrogate(JsonParser p) {
            super(p, "lone surrogate");
        }
    }

    /** {@code s}, unless it holds a surrogate that is not half of a pair. */
    private static String text(JsonParser p, String s) throws LoneSurrogate {
        if (isLoneSurrogateIn(s)) {
            throw new LoneSurrogate(p);
        }
        return s;
    }

    private static boolean isLoneSurrogateIn(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any string or member name in a data-bound value holds a lone surrogate. */
    private static boolean hasLoneSurrogate(Object value) {
        if (value instanceof String) {
            return isLoneSurrogateIn((String) value);
        }
        if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (hasLoneSurrogate(e.getKey()) || hasLoneSurrogate(e.getValue())) {
                    return true;
                }
            }
        } else if (value instanceof List) {
            for (Object o : (List<?>) value) {
                if (hasLoneSurrogate(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Thrown for bytes that are not one valid JSON object; the message never quotes the input. */
    public static final class NotAnObject extends Exception {
        private final boolean parsedButNotObject;

        NotAnObject(String message, boolean parsedButNotObject) {
            super(message, null, false, false);
            this.parsedButNotObject = parsedButNotObject;
        }

        /** True when the bytes were valid JSON but not an object (an array, string, number...). */
        public boolean parsedButNotObject() {
            return parsedButNotObject;
        }
    }

    /**
     * The object in {@code utf8}, as an insertion-ordered map (which the caller may change); nested
     * arrays and objects are unmodifiable lists and insertion-ordered maps.
     */
    public static Map<String, Object> parseObject(byte[] utf8) throws NotAnObject {
        boolean ascii = true;
        boolean nul = false;
        for (byte b : utf8) {
            if (b <= 0) {
                ascii &= b == 0;
                nul |= b == 0;
            }
        }
        if (!ascii && !isStrictUtf8(utf8)) {
            throw new NotAnObject(NOT_UTF8, false);
        }
        if (nul || !startsWithBrace(utf8)) {
            // Not an object, or a NUL (never valid JSON): read as text, so that Jackson's byte
            // encoding detection (UTF-16/32, byte order marks) can never apply.
            return parseText(new String(utf8, StandardCharsets.UTF_8));
        }
        try (JsonParser p = MAPPER.createParser(utf8)) {
            // Raw surrogates were refused by the UTF-8 check; an escaped one is found in text().
            // Duplicate names are found by members() against the map it fills (Jackson's own
            // detector would keep a second set of every object's names).
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new NotAnObject("not valid JSON", false);
            }
            Map<String, Object> object = members(p);
            if (p.nextToken() != null) {
                throw new NotAnObject("not valid JSON", false); // trailing content
            }
            return object;
        } catch (LoneSurrogate e) {
            throw new NotAnObject(NOT_UTF8, false);
        } catch (JsonProcessingException e) {
            throw new NotAnObject(describe(e), false);
        } catch (IOException | RuntimeException e) {
            throw new NotAnObject("not valid JSON", false);
        }
    }

    /** Whether the first byte that is not JSON whitespace is an opening brace. */
    private static boolean startsWithBrace(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\t' && x != '\n' && x != '\r') {
                return x == '{';
            }
        }
        return false;
    }

    /** The slow path for what does not start as an object: Jackson's data binding over the text. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseText(String text) throws NotAnObject {
        Object value;
        try {
            value = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new NotAnObject(describe(e), false);
        } catch (RuntimeException e) {
            throw new NotAnObject("not valid JSON", false);
        }
        if (hasLoneSurrogate(value)) {
            throw new NotAnObject(NOT_UTF8, false);
        }
        if (!(value instanceof Map)) {
            throw new NotAnObject("must be a json object", true);
        }
        return (Map<String, Object>) value;
    }

    /** The JDK's decoder decides: no overlong forms, no surrogates, nothing above U+10FFFF. */
    private static boolean isStrictUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The members of the object whose START_OBJECT was just read, through its END_OBJECT. */
    private static Map<String, Object> members(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = text(p, p.currentName());
            if (m.containsKey(name)) {
                throw new JsonParseException(p, "Duplicate field"); // before its value, as Jackson's detector
            }
            m.put(name, value(p, p.nextToken()));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "unexpected end of object");
        }
        return m;
    }

    /** The value starting at {@code t}; the nesting depth is bounded by the parser's constraints. */
    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new JsonParseException(p, "unexpected end of input");
        }
        switch (t) {
            case START_OBJECT:
                return Collections.unmodifiableMap(members(p));
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, e));
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING:
                return text(p, p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue(); // Integer, Long, BigInteger or Double: what the mapper gives
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(p, "unexpected token");
        }
    }

    private static String describe(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Duplicate field")) {
            return "duplicate member name";
        }
        if (m.contains("nesting depth")) {
            return "nested too deeply";
        }
        if (m.contains("Number value length") || m.contains("String value length")) {
            return "value too long";
        }
        return "not valid JSON";
    }

    /** Serialises a map (claims or header) compactly, keeping its iteration order. */
    public static String write(Map<String, ?> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims and headers must be JSON-serialisable values");
        }
    }

    /** The shared strict mapper, for request bodies read by the extractor. */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
