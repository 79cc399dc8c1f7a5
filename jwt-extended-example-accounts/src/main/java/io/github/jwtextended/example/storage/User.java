package io.github.jwtextended.example.storage;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user record: name, Argon2id password hash (PHC string) and roles.
 *
 * <p>Names are 1 to 150 characters without control characters or surrounding spaces; roles are 1
 * to 64 characters of letters, digits and {@code _ . : -}.
 *
 * <p>Thread safety: immutable.
 */
public final class User {
    public static final int MAX_USERNAME_LENGTH = 150;
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
        return name.codePoints().noneMatch(cp -> Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029);
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
