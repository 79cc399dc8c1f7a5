package io.github.jwtextended.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON rules for token headers and claims (RFC 7515 §10.12, RFC 8725 §3.7): UTF-8 only, one
 * complete object, no duplicate member names, no trailing content, no JSON extensions, a nesting
 * depth of at most 32 and numbers of at most 40 characters.
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

    private StrictJson() {
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

    /** The object in {@code utf8}, as an insertion-ordered map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] utf8) throws NotAnObject {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new NotAnObject("not valid UTF-8", false);
        }
        Object value;
        try {
            value = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new NotAnObject(describe(e), false);
        } catch (RuntimeException e) {
            throw new NotAnObject("not valid JSON", false);
        }
        if (!(value instanceof Map)) {
            throw new NotAnObject("must be a json object", true);
        }
        return (Map<String, Object>) value;
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
