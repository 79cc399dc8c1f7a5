package io.github.jwtextended.extract;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.TestKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-pass header scanner answers exactly as the reference's rules (split on {@code ,\s*},
 * then on whitespace, written here with regular expressions as flask-jwt-extended does), on header
 * values built from the characters that matter (commas, every kind of whitespace, the type's
 * letters; the scheme's case folding has its own tests in {@code TokenExtractorTest}).
 */
class HeaderExtractionProperties {
    private static final Pattern ENTRY_SEPARATOR = Pattern.compile(",\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final TokenExtractor EXTRACTOR = new TokenExtractor(TestKeys.config().build());

    @Property(tries = 3000)
    void theScannerAnswersAsTheReferenceRules(@ForAll("headerValues") String value) {
        assertThat(actual(value)).as("[" + value + "]").isEqualTo(reference(value, "Bearer"));
    }

    @Provide
    Arbitrary<String> headerValues() {
        Arbitrary<String> random = Arbitraries.strings().withChars("Bearer x.y-_,\t\n\u000B\f\r\u2003\u001c ").ofMaxLength(24);
        Arbitrary<String> nearlyValid = Arbitraries.strings().withChars("ab.-_,\t \u2003\u001c").ofMaxLength(12)
                .map(t -> "Bearer " + t);
        return Arbitraries.oneOf(random, nearlyValid, nearlyValid.map(v -> " " + v), nearlyValid.map(v -> v + ","));
    }

    private static String actual(String value) {
        try {
            return "token:" + EXTRACTOR.extract(FakeRequest.get().header("Authorization", value), TokenLocation.HEADERS, false).token();
        } catch (JwtException e) {
            return e.kind() + ":" + e.getMessage();
        }
    }

    /** The rules before the fast path, returning "token:..." or "KIND:message" as {@link #actual}. */
    private static String reference(String line, String type) {
        String name = "Authorization";
        String value = strip(line);
        if (value.isEmpty()) {
            return "UNAUTHORIZED:Missing " + name + " Header";
        }
        List<String> matching = new ArrayList<>(1);
        for (String entry : ENTRY_SEPARATOR.split(value)) {
            String[] words = split(entry);
            if (words.length > 0 && words[0].equals(type)) {
                matching.add(entry);
            }
        }
        if (matching.size() != 1) {
            return "UNAUTHORIZED:Missing '" + type + "' type in '" + name + "' header. Expected '" + name + ": " + type + " <JWT>'";
        }
        String[] parts = split(matching.get(0));
        if (parts.length != 2) {
            return "INVALID_TOKEN:Bad " + name + " header. Expected '" + name + ": " + type + " <JWT>'";
        }
        return "token:" + parts[1];
    }

    private static String strip(String s) {
        String t = s.strip();
        int from = 0;
        int to = t.length();
        while (from < to && t.charAt(from) == ',') from++;
        while (to > from && t.charAt(to - 1) == ',') to--;
        return t.substring(from, to);
    }

    private static String[] split(String s) {
        String t = s.strip();
        return t.isEmpty() ? new String[0] : WHITESPACE.split(t);
    }
}
