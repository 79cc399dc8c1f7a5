package io.github.jwtextended.example.storage;

import io.github.jwtextended.example.password.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo users of the quick start ({@code DEMO_USERS=true}): {@code testuser}/{@code testpass}
 * with the role {@code user}, and {@code admin}/{@code adminpass} with {@code admin} and
 * {@code user}; created only in a database without users, with a warning. A server started with
 * {@code DEMO_USERS} off checks once whether they are still there with those passwords, and warns.
 *
 * <p>Thread safety: stateless.
 */
public final class DemoUsers {
    private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

    /** One demo user. */
    private record Demo(String username, String password, List<String> roles) {
    }

    private static final List<Demo> USERS = List.of(
            new Demo("testuser", "testpass", List.of("user")),
            new Demo("admin", "adminpass", List.of("admin", "user")));

    private DemoUsers() {
    }

    /** Creates the demo users unless {@code users} holds any user. */
    public static void createIfNoUsers(UserStore users, PasswordHasher passwords) {
        if (users.count() > 0) {
            return;
        }
        for (Demo u : USERS) {
            users.add(u.username(), passwords.hash(u.password()), u.roles());
        }
        LOG.warn("DEMO_USERS=true: created the demo users testuser and admin with their well-known passwords;"
                + " never do this in production");
    }

    /**
     * With {@code DEMO_USERS} off: one WARN line naming the demo users that still exist with their
     * well-known passwords (each stored hash checked against its password, once); returns their names.
     */
    public static List<String> warnIfWellKnownPasswordsRemain(UserStore users, PasswordHasher passwords) {
        List<String> found = new ArrayList<>();
        for (Demo u : USERS) {
            users.find(u.username()).filter(user -> passwords.verify(u.password(), user.passwordHash()))
                    .ifPresent(user -> found.add(user.username()));
        }
        if (!found.isEmpty()) {
            LOG.warn("DEMO_USERS is off but the demo users {} still have their well-known passwords: remove them"
                    + " (users remove NAME) or change their passwords", String.join(" and ", found));
        }
        return found;
    }
}
