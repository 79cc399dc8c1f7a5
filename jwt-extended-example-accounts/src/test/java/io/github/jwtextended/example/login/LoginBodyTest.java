package io.github.jwtextended.example.login;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The login body's refusals: status and message, never the password. (Both servers' HTTP tests cover the rest.) */
class LoginBodyTest {
    private static LoginBody parse(String contentType, String body) {
        return LoginBody.parse(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String contentType, String body, int status, String msg) {
        assertThatThrownBy(() -> parse(contentType, body)).isInstanceOfSatisfying(LoginBody.Refused.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).isEqualTo(msg);
        });
    }

    @Test
    void readsAUsernameAndPassword() {
        LoginBody b = parse("application/json; charset=utf-8", "{\"username\": \"alice\", \"password\": \"hunter2\", \"x\": 1}");
        assertThat(b.username()).isEqualTo("alice");
        assertThat(b.password()).isEqualTo("hunter2");
        assertThat(b.toString()).doesNotContain("hunter2");
    }

    @Test
    void refusals() {
        refused("text/plain", "{}", 415, "Content-Type must be application/json");
        refused(null, "{}", 415, "Content-Type must be application/json");
        refused("application/json", "", 400, "Missing JSON body: send {\"username\": \"...\", \"password\": \"...\"}");
        refused("application/json", "{\"username\": \"a\", \"username\": \"b\", \"password\": \"p\"}", 400, "Request body is not valid JSON");
        refused("application/json", "[1]", 400, "Request body must be a JSON object: {\"username\": \"...\", \"password\": \"...\"}");
        refused("application/json", "{\"username\": 1, \"password\": \"hunter2\"}", 400, "\"username\" must be a string");
        refused("application/json", "{\"username\": \"a\"}", 400, "Missing \"password\": a string is required");
        refused("application/json", "{\"username\": \"a\", \"password\": \"" + "p".repeat(20_000) + "\"}", 413,
                "Request body too large (at most 16384 bytes)");
        assertThat(LoginBody.tooLarge().status()).isEqualTo(413);
    }

    /** "\ud800" is no Unicode text: a database driver may store it as "?", so it could reach another user. */
    @Test
    void unpairedSurrogatesAreRefusedInUsernamesAndPasswords() {
        String user = "\"username\" must be valid Unicode text (it holds an unpaired surrogate)";
        String password = "\"password\" must be valid Unicode text (it holds an unpaired surrogate)";
        for (String lone : new String[] {"\\ud800", "\\uDFFF", "a\\ud83d", "\\ude00b", "\\ude00\\ud83d"}) {
            refused("application/json", "{\"username\": \"test" + lone + "user\", \"password\": \"p\"}", 400, user);
            refused("application/json", "{\"username\": \"testuser\", \"password\": \"" + lone + "\"}", 400, password);
        }
        // As raw bytes: a surrogate encoded in UTF-8 form (CESU-8) is not UTF-8 either.
        byte[] raw = "{\"username\": \"a#\", \"password\": \"p\"}".getBytes(StandardCharsets.UTF_8);
        int at = new String(raw, StandardCharsets.UTF_8).indexOf('#');
        byte[] cesu = new byte[raw.length + 2];
        System.arraycopy(raw, 0, cesu, 0, at);
        cesu[at] = (byte) 0xED;
        cesu[at + 1] = (byte) 0xA0;
        cesu[at + 2] = (byte) 0x80;
        System.arraycopy(raw, at + 1, cesu, at + 3, raw.length - at - 1);
        assertThatThrownBy(() -> LoginBody.parse("application/json", cesu))
                .isInstanceOfSatisfying(LoginBody.Refused.class, e -> assertThat(e.status()).isEqualTo(400));
        // A pair is one character and fine.
        LoginBody pair = parse("application/json", "{\"username\": \"\\ud83d\\ude00\", \"password\": \"p\\ud83d\\ude00\"}");
        assertThat(pair.username()).isEqualTo("\uD83D\uDE00");
        assertThat(pair.password()).isEqualTo("p\uD83D\uDE00");
    }
}
