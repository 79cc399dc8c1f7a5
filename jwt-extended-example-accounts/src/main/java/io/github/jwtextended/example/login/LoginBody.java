package io.github.jwtextended.example.login;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.example.password.PasswordHasher;
import io.github.jwtextended.example.storage.User;

import java.io.IOException;
import java.util.Locale;

/**
 * The body of {@code POST /login}, framework-free: {@code {"username": "...", "password": "..."}},
 * read with Jackson under tight limits (16 KiB, nesting depth 16, duplicate keys and trailing data
 * refused; a username or password holding an unpaired surrogate, which is not Unicode text, is
 * refused too). Anything else is a {@link Refused} with a 4xx status and a message for the client that
 * never repeats what it sent; the servers answer it as {@code {"msg": ...}}.
 *
 * <p>Thread safety: immutable; {@link #parse} may be called from any thread.
 */
public final class LoginBody {
    /** The largest body accepted. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxStringLength(MAX_BODY_BYTES)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String username;
    private final String password;

    private LoginBody(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public String username() { return username; }

    public String password() { return password; }

    /** The answer to a declared {@code Content-Length} above {@link #MAX_BODY_BYTES}. */
    public static Refused tooLarge() {
        return new Refused(413, "Request body too large (at most " + MAX_BODY_BYTES + " bytes)");
    }

    /**
     * Checks the content type and reads {@code body} (read up to {@link #MAX_BODY_BYTES} + 1 bytes:
     * a longer one is refused with 413).
     */
    public static LoginBody parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().matches("application/json\\s*(;.*)?")) {
            throw new Refused(415, "Content-Type must be application/json");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (body.length == 0) {
            throw new Refused(400, "Missing JSON body: send {\"username\": \"...\", \"password\": \"...\"}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw new Refused(400, "Request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Refused(400, "Request body must be a JSON object: {\"username\": \"...\", \"password\": \"...\"}");
        }
        String username = field(root, "username");
        String password = field(root, "password");
        if (username.length() > User.MAX_USERNAME_LENGTH) {
            throw new Refused(400, "\"username\" is too long (at most " + User.MAX_USERNAME_LENGTH + " characters)");
        }
        if (password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            throw new Refused(400, "\"password\" is too long (at most " + PasswordHasher.MAX_PASSWORD_LENGTH + " characters)");
        }
        return new LoginBody(username, password);
    }

    private static String field(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            throw new Refused(400, "Missing \"" + name + "\": a string is required");
        }
        if (!v.isTextual()) {
            throw new Refused(400, "\"" + name + "\" must be a string");
        }
        if (User.hasUnpairedSurrogate(v.textValue())) {
            // Not Unicode text ("\ud800"): a database driver may turn it into "?", so it could reach another user.
            throw new Refused(400, "\"" + name + "\" must be valid Unicode text (it holds an unpaired surrogate)");
        }
        return v.textValue();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "LoginBody[username=" + username + "]";
    }

    /**
     * A login body refused with a 4xx status; the message is written for the client.
     *
     * <p>Thread safety: immutable.
     */
    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
