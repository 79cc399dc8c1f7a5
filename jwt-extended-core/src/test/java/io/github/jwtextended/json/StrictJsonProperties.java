package io.github.jwtextended.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming reader of {@link StrictJson#parseObject} gives exactly what the strict data-binding
 * reader it replaced gave (strict UTF-8 decode to text, then Jackson's mapper over the text): the same
 * map, or the same refusal message, for generated JSON-like text in several encodings and for
 * arbitrary bytes.
 */
class StrictJsonProperties {
    private static final List<String> PIECES = List.of("{", "}", "[", "]", ":", ",", " ", "\n", "\"a\"", "\"b\"",
            "\"\\u00e9\\n\"", "\"\u00e9\u4e2d\ud83d\ude00\"", "1", "-0", "1.5e3", "12345678901234567890", "1e400", "01",
            "true", "false", "null", "nul", "\"\u0001\"", "'a'", "/*c*/", "NaN", "\u0000", "\ufeff", "\"x", "{\"a\":1}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "1234567890123456789012345678901234567890123");

    /** The reader this one replaced, kept here as the reference. */
    static Object reference(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            return "not valid UTF-8 false";
        }
        Object value;
        try {
            value = StrictJson.mapper().readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            String m = String.valueOf(e.getOriginalMessage());
            return (m.startsWith("Duplicate field") ? "duplicate member name" : m.contains("nesting depth") ? "nested too deeply"
                    : m.contains("Number value length") || m.contains("String value length") ? "value too long" : "not valid JSON")
                    + " false";
        } catch (RuntimeException e) {
            return "not valid JSON false";
        }
        return value instanceof Map ? value : "must be a json object true";
    }

    static Object actual(byte[] utf8) {
        try {
            return StrictJson.parseObject(utf8);
        } catch (StrictJson.NotAnObject e) {
            return e.getMessage() + " " + e.parsedButNotObject();
        }
    }

    @Property(tries = 3000)
    void sameAnswerForJsonLikeText(@ForAll("jsonLike") String text, @ForAll("encodings") String encoding) {
        byte[] bytes = text.getBytes(java.nio.charset.Charset.forName(encoding));
        assertThat(actual(bytes)).isEqualTo(reference(bytes));
    }

    @Property(tries = 1000)
    void sameMapForValidObjects(@ForAll("objects") Map<String, Object> object) {
        byte[] bytes = StrictJson.write(object).getBytes(StandardCharsets.UTF_8);
        Object parsed = actual(bytes);
        assertThat(parsed).isEqualTo(reference(bytes)).isInstanceOf(Map.class);
    }

    @Property(tries = 2000)
    void sameAnswerForArbitraryBytes(@ForAll("bytes") byte[] bytes) {
        assertThat(actual(bytes)).isEqualTo(reference(bytes));
    }

    @Example
    void encodingMarksAndOtherEncodingsAreRefused() {
        for (String encoding : List.of("UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
            byte[] bytes = "{\"a\":1}".getBytes(java.nio.charset.Charset.forName(encoding));
            assertThat(actual(bytes)).as(encoding).isEqualTo(reference(bytes)).isInstanceOf(String.class);
        }
        byte[] bom = "\ufeff{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(actual(bom)).isEqualTo("not valid JSON false");
    }

    @Example
    void nestedValuesAreUnmodifiable() throws Exception {
        Map<String, Object> m = StrictJson.parseObject("{\"l\":[1,{\"x\":[]}],\"o\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8));
        List<?> l = (List<?>) m.get("l");
        assertThatThrownBy(() -> l.clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<?, ?>) m.get("o")).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m).isEqualTo(reference("{\"l\":[1,{\"x\":[]}],\"o\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.of(PIECES).list().ofMaxSize(25).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).filter(StrictJsonProperties::wellFormed).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(19), java.math.BigInteger.TEN.pow(30)).map(b -> (Object) b));
        Arbitrary<Object> nested = Arbitraries.oneOf(scalars.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4), scalars).ofMaxSize(3).map(m -> (Object) m));
        return Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(8).filter(StrictJsonProperties::wellFormed),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalars), net.jqwik.api.Tuple.of(1, nested))).ofMaxSize(8);
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(++i)))) {
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<String> encodings() {
        return Arbitraries.of("UTF-8", "UTF-8", "UTF-8", "UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "ISO-8859-1");
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40)
                .edgeCases(c -> c.add(new byte[] {'{', '}'}).add(new byte[] {'{', '}', 0}).add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}));
    }
}
