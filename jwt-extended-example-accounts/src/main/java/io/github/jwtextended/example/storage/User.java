package io.github.jwtextended.example.storage;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user record: name, Argon2id password hash (PHC string) and roles.
 *
 * <p>Names are 1 to 150 characters without control characters, unpaired surrogates or surrounding
 * spaces; roles are 1 to 64 characters of letters, digits and {@code _ . : -}. An unpaired
 * surrogate (such as JSON's {@code "\ud800"}) is no Unicode character: a database driver may store
 * it as {@code ?}, so several spellings would reach one user while counting as different names.
 *
 * <p>Thread safety: immutable.
 */
public final class User {
    public static final int MAX_USERNAME_LENGTH = 150;
    /** What {@link #isValidUsername} requires, for messages. */
    public static final String USERNAME_RULE = "a user name is 1 to " + MAX_USERNAME_LENGTH
            + " characters, without control characters, unpaired surrogates or surrounding spaces";
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final String username;
    private final String passwordHash;
    private final List<String> roles;

    public User(String username, String passwordHash, List<String> roles) {
        this.username = Objects.requireNonNull(username, "username");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.roles = List.copyOf(roles);
    }

    public String username() { return username; }
    public String passwordHash() { return passwordHash; }
    public List<String> roles() { return roles; }

    /** Whether {@code name} may be a user name. */
    public static boolean isValidUsername(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_USERNAME_LENGTH || !name.equals(name.strip())) {
            return false;
        }
        return name.codePoints().noneMatch(cp -> Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029)
                && !hasUnpairedSurrogate(name);
    }

    /** Whether {@code text} holds a surrogate that is not half of a pair: it is then not Unicode text. */
    public static boolean hasUnpairedSurrogate(String text) {
        return text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE);
    }

    /** Whether {@code role} may be a role name. */
    public static boolean isValidRole(String role) {
        return role != null && ROLE.matcher(role).matches();
    }

    /** Never shows the hash. */
    @Override
    public String toString() {
        return "User[" + username + ", roles=" + roles + "]";
    }
}
