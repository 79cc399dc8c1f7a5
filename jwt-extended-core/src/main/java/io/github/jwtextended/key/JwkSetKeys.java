package io.github.jwtextended.key;

import java.nio.file.Path;

/**
 * Keys given as a JWK Set (RFC 7517 §5), as JSON text or as a file read when the manager is built
 * (text wins): private keys sign, public keys verify; several keys make rotation possible.
 *
 * <p>Thread safety: immutable.
 *
 * @param json the JWK Set as JSON text, or null
 * @param file a file holding it, or null
 */
public record JwkSetKeys(String json, Path file) {
    /** None. */
    public static final JwkSetKeys NONE = new JwkSetKeys(null, null);

    /** Blank text is no text (null). */
    public JwkSetKeys {
        json = json == null || json.isBlank() ? null : json;
    }

    /** True when a set is given, as text or file. */
    public boolean any() {
        return json != null || file != null;
    }

    public JwkSetKeys withJson(String text) { return new JwkSetKeys(text, file); }
    public JwkSetKeys withFile(Path path) { return new JwkSetKeys(json, path); }

    /** Says whether text is given, never the text (it may hold private keys). */
    @Override
    public String toString() {
        return "JwkSetKeys[json " + (json != null ? "set" : "unset") + ", file=" + file + "]";
    }
}
