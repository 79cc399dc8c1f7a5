package io.github.jwtextended.javalin;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks every negative answer must pass: the exact status and message, a body that is only
 * {@code {"<key>":"<message>"}}, {@code application/json}, and nothing that leaks: no token (or a
 * segment of one), no secret, no exception or stack frame, no Java class or package name.
 */
final class ErrorAssertions {
    /** A CamelCase word such as a class name ({@code JwtManager}); the reference's messages have none. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\\b");
    private static final String[] FORBIDDEN = {
            "Exception", "exception", "at java.", "\tat ", "java.", "javax.", "io.github", "jwtextended",
            "javalin", "jetty", "com.fasterxml", "jackson", "nimbus", "Caused by", "stack",
            JwtHttpTest.SECRET, JwtHttpTest.OTHER_SECRET};

    private ErrorAssertions() {
    }

    /** {@code status} and exactly {@code {"msg":"<message>"}}, plus the leak checks. */
    static void assertError(TestServer.Response r, int status, String message, String... tokens) {
        assertKeyedError(r, status, "msg", message, tokens);
    }

    /** {@code status} and exactly {@code {"<key>":"<message>"}}, plus the leak checks. */
    static void assertKeyedError(TestServer.Response r, int status, String key, String message, String... tokens) {
        assertThat(r.status).as("status of %s", r).isEqualTo(status);
        assertThat(r.body).isEqualTo("{" + json(key) + ":" + json(message) + "}");
        assertNoLeak(r, key, tokens);
    }

    /**
     * The leak checks alone: a 4xx/5xx JSON answer whose body is one string member named
     * {@code key}, containing none of {@code tokens} (nor any long segment of them) and nothing
     * that names the implementation.
     */
    static void assertNoLeak(TestServer.Response r, String key, String... tokens) {
        assertThat(r.status).as("an error status").isGreaterThanOrEqualTo(400);
        assertThat(r.contentType()).as("content type of %s", r).startsWith("application/json");
        assertThat(r.body).as("body shape").matches("\\{" + Pattern.quote(json(key)) + ":\"(?:[^\"\\\\\\x00-\\x1f]|\\\\.)*\"\\}");
        for (String f : FORBIDDEN) {
            assertThat(r.body).as("body leaks nothing").doesNotContain(f);
        }
        assertThat(CLASS_NAME.matcher(r.body).find()).as("no class name in %s", r.body).isFalse();
        for (String t : tokens) {
            if (t == null || t.isEmpty()) {
                continue;
            }
            assertThat(r.body).as("body does not echo the token").doesNotContain(t);
            for (String segment : t.split("[.\\s]")) {
                if (segment.length() >= 12) {
                    assertThat(r.body).as("body does not echo a token segment").doesNotContain(segment);
                }
            }
        }
    }

    /** A JSON string literal, escaped as Jackson (and Flask's jsonify) writes it for these messages. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
