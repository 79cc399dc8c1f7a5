package io.github.jwtextended.example.http;

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
 * The body of {@code POST /login}: {@code {"username": "...", "password": "..."}}, read with
 * Jackson under tight limits (16 KiB, nesting depth 16, duplicate keys and trailing data refused).
 * Anything else is a 4xx {@link ApiException} with a clear message, never a 500.
 *
 * <p>Thread safety: immutable; {@link #parse} may be called from any thread.
 */
final class LoginRequest {
    static final int MAX_BODY_BYTES = 16 * 1024;

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

    private LoginRequest(String username, String password) {
        this.username = username;
        this.password = password;
    }

    String username() { return username; }
    String password() { return password; }

    /** Checks the content type and reads the body (already limited to {@link #MAX_BODY_BYTES} + 1 bytes). */
    static LoginRequest parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().matches("application/json\\s*(;.*)?")) {
            throw new ApiException(415, "Content-Type must be application/json");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "Request body too large (at most " + MAX_BODY_BYTES + " bytes)");
        }
        if (body.length == 0) {
            throw new ApiException(400, "Missing JSON body: send {\"username\": \"...\", \"password\": \"...\"}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "Request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "Request body must be a JSON object: {\"username\": \"...\", \"password\": \"...\"}");
        }
        String username = stringField(root, "username");
        String password = stringField(root, "password");
        if (username.length() > User.MAX_USERNAME_LENGTH) {
            throw new ApiException(400, "\"username\" is too long (at most " + User.MAX_USERNAME_LENGTH + " characters)");
        }
        if (password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            throw new ApiException(400, "\"password\" is too long (at most " + PasswordHasher.MAX_PASSWORD_LENGTH + " characters)");
        }
        return new LoginRequest(username, password);
    }

    private static String stringField(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            throw new ApiException(400, "Missing \"" + name + "\": a string is required");
        }
        if (!v.isTextual()) {
            throw new ApiException(400, "\"" + name + "\" must be a string");
        }
        return v.textValue();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
