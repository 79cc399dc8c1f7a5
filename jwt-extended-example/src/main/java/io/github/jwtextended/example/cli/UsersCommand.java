package io.github.jwtextended.example.cli;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.example.Server;
import io.github.jwtextended.example.ServerSettings;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.session.Session;
import io.github.jwtextended.example.password.PasswordHasher;
import io.github.jwtextended.example.session.SessionEndpoints;
import io.github.jwtextended.example.storage.Database;
import io.github.jwtextended.example.storage.User;
import io.github.jwtextended.example.storage.UserStore;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar jwt-extended-example.jar users ...}: manages the users of the database that the
 * server would use with the same environment ({@code DATA_DIR}, {@code DATABASE_URL}).
 *
 * <pre>
 * users list
 * users add NAME [--roles ROLE,ROLE]     password asked twice on a terminal, else read from stdin
 * users remove NAME                      also revokes every token of NAME (log out everywhere)
 * users set-password NAME                idem (password as for add)
 * users set-roles NAME ROLE,ROLE
 * users sessions NAME                    NAME's sessions (logins): id, started, last refreshed, client
 * users end-sessions NAME                ends every session of NAME (their tokens are revoked)
 * </pre>
 * Passwords are never taken from the command line (other users could read it from the process
 * list). Exit codes: 0 done, 1 refused (no such user, name taken, ...), 2 usage or setting error.
 *
 * <p>Thread safety: one run per instance.
 */
public final class UsersCommand {
    public static final String USAGE = String.join("\n",
            "usage: users list",
            "       users add NAME [--roles ROLE,ROLE]   (default role: user)",
            "       users remove NAME",
            "       users set-password NAME",
            "       users set-roles NAME ROLE,ROLE",
            "       users sessions NAME        (id, started, last refreshed, client; times in UTC)",
            "       users end-sessions NAME    (ends every session of NAME: its tokens are revoked)",
            "Passwords are asked on the terminal, or read as one line from standard input.");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final Console console;
    private final BufferedReader stdin;
    private final PrintStream out;
    private final PrintStream err;
    private ServerSettings settings;
    private Database database;

    public UsersCommand(Console console, InputStream stdin, PrintStream out, PrintStream err) {
        this.console = console;
        this.stdin = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} (after the word {@code users}); returns the exit code. */
    public int run(List<String> args, ServerSettings settings) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String verb = args.get(0);
        List<String> rest = args.subList(1, args.size());
        int expected;
        switch (verb) {
            case "list": expected = 0; break;
            case "remove": case "set-password": case "sessions": case "end-sessions": expected = 1; break;
            case "set-roles": expected = 2; break;
            case "add": expected = rest.size() == 3 && rest.get(1).equals("--roles") ? 3 : 1; break;
            default:
                err.println("users: unknown command " + verb + "\n" + USAGE);
                return 2;
        }
        if (rest.size() != expected) {
            err.println("users " + verb + ": wrong arguments\n" + USAGE);
            return 2;
        }
        try {
            Database.createDataDir(settings.common().dataDir());
        } catch (IOException e) {
            err.println("users: DATA_DIR " + settings.common().dataDir() + " cannot be created: " + e.getMessage());
            return 2;
        }
        try (Database db = Database.open(settings.common().database(), 2, settings.common().connectTimeout())) {
            UserStore users = new UserStore(db.dataSource(), Clock.systemUTC());
            this.settings = settings;
            this.database = db;
            return execute(verb, rest, users);
        } catch (IllegalArgumentException e) {
            err.println("users " + verb + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("users " + verb + ": " + e.getMessage());
            return 1;
        }
    }

    private int execute(String verb, List<String> args, UserStore users) {
        switch (verb) {
            case "list": {
                for (User u : users.list()) {
                    out.println(u.username() + "\t" + String.join(",", u.roles()));
                }
                return 0;
            }
            case "add": {
                String name = args.get(0);
                if (!User.isValidUsername(name)) {
                    throw new IllegalArgumentException(User.USERNAME_RULE);
                }
                List<String> roles = args.size() == 3 ? roles(args.get(2)) : List.of("user");
                if (users.find(name).isPresent()) {
                    err.println("users add: " + name + " already exists");
                    return 1;
                }
                String password = readPassword(name);
                if (password == null) {
                    return 1;
                }
                if (!users.add(name, new PasswordHasher().hash(password), roles)) {
                    err.println("users add: " + name + " already exists");
                    return 1;
                }
                out.println("added " + name + " (roles: " + String.join(",", roles) + ")");
                return 0;
            }
            case "remove": {
                return remove(args.get(0), users);
            }
            case "set-password": {
                String name = args.get(0);
                if (users.find(name).isEmpty()) {
                    return report(false, null, name);
                }
                String password = readPassword(name);
                if (password == null) {
                    return 1;
                }
                if (!users.setPasswordHash(name, new PasswordHasher().hash(password))) {
                    return report(false, null, name);
                }
                try {
                    revokeAllTokensOf(name);
                } catch (RuntimeException e) {
                    err.println("users set-password: password changed for " + name + ", but the tokens already issued"
                            + " could not be revoked (" + e.getMessage() + "); run set-password again when the store is back");
                    return 1;
                }
                out.println("password changed for " + name + "; every token issued to " + name + " until now is revoked");
                return 0;
            }
            case "sessions": case "end-sessions": {
                String name = args.get(0);
                if (users.find(name).isEmpty()) {
                    return report(false, null, name);
                }
                return verb.equals("sessions") ? listSessions(name) : endSessions(name);
            }
            case "set-roles": {
                List<String> roles = roles(args.get(1));
                return report(users.setRoles(args.get(0), roles),
                        "roles of " + args.get(0) + ": " + String.join(",", roles) + " (in tokens issued from now on)", args.get(0));
            }
            default:
                throw new IllegalStateException(verb);
        }
    }

    /**
     * Deletes the user, then logs the name out everywhere: the removed user's tokens stop working
     * (an access token's roles are its own, so {@code /admin} too), and a user given the same name
     * later inherits none of them. When the revocation cannot be written the user is put back, so
     * that the command can simply be run again.
     */
    private int remove(String name, UserStore users) {
        java.util.Optional<User> user = users.find(name);
        if (user.isEmpty() || !users.remove(name)) {
            return report(false, null, name);
        }
        try {
            revokeAllTokensOf(name);
        } catch (RuntimeException e) {
            User u = user.get();
            boolean restored;
            try {
                restored = users.add(u.username(), u.passwordHash(), u.roles());
            } catch (RuntimeException again) {
                restored = false;
            }
            err.println("users remove: the tokens issued to " + name + " could not be revoked (" + e.getMessage() + "); "
                    + (restored ? name + " is not removed: run users remove again when the store is back"
                            : name + " is removed, but its tokens work until they expire"));
            return 1;
        }
        out.println("removed " + name + "; every token issued to " + name + " until now is revoked");
        return 0;
    }

    /** NAME's sessions, one a line: id, start and last refresh (ISO-8601 UTC) and client, tab-separated. */
    private int listSessions(String name) {
        List<Session> sessions = withManager(m -> m.sessions().list(name));
        for (Session s : sessions) {
            out.println(s.id() + "\t" + SessionEndpoints.iso(s.createdAt()) + "\t" + SessionEndpoints.iso(s.lastUsedAt())
                    + "\t" + (s.client() == null ? "-" : s.client()));
        }
        if (sessions.isEmpty()) {
            err.println("users sessions: " + name + " has no sessions");
        }
        return 0;
    }

    /** Ends every session of NAME: each family is revoked, access tokens included. */
    private int endSessions(String name) {
        int ended = withManager(m -> m.sessions().revokeAll(name));
        if (settings.common().redisUrl() == null && settings.common().nearCache()) {
            // Running servers' near caches see the families within their staleness bound: return after it.
            try {
                Thread.sleep(settings.common().nearCacheStaleness().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        out.println("ended " + ended + (ended == 1 ? " session" : " sessions") + " of " + name);
        return 0;
    }

    /**
     * {@code work} with a manager on the store the server uses with the same settings (database or
     * REDIS_URL), closed afterwards. The manager only computes how long to keep records (token
     * lifetimes, leeway); without JWT_SECRET_KEY a placeholder key is given that never signs or
     * verifies anything. A store that cannot answer is an {@link IllegalStateException}.
     */
    private <T> T withManager(java.util.function.Function<JwtManager, T> work) {
        RevocationStore store = Server.openRevocationStore(settings.common(), database, Clock.systemUTC());
        try {
            JwtConfig config = settings.jwtConfig(settings.secretGiven() ? null : "placeholder-key-not-used-for-signing-0123456789abcdef");
            JwtManager.Builder manager = JwtManager.builder(config).revocationStore(store);
            settings.keys().ifPresent(manager::keyResolver); // read with the settings: not read again
            return work.apply(manager.build());
        } catch (StoreUnavailableException e) {
            throw new IllegalStateException("revocation store unavailable", e);
        } finally {
            try {
                store.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
    }

    /** Log out everywhere, through the store the server uses with the same settings (database or REDIS_URL). */
    private void revokeAllTokensOf(String name) {
        java.time.Instant notBefore = withManager(m -> m.revokeAllFor(name));
        // iat has whole seconds: tokens issued in the second of the revocation are refused too.
        // Returning only once that second is over makes "log in after the command" always work.
        long wait = 1000 - notBefore.toEpochMilli() % 1000;
        if (settings.common().redisUrl() == null && settings.common().nearCache()) {
            // Running servers' near caches see the row within their staleness bound: return after it.
            wait = Math.max(wait, settings.common().nearCacheStaleness().toMillis());
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int report(boolean done, String message, String name) {
        if (!done) {
            err.println("users: no user named " + name);
            return 1;
        }
        out.println(message);
        return 0;
    }

    private static List<String> roles(String arg) {
        List<String> roles = new ArrayList<>();
        for (String r : arg.split(",")) {
            String t = r.strip();
            if (!t.isEmpty()) {
                if (!User.isValidRole(t)) {
                    throw new IllegalArgumentException("a role is 1 to 64 characters of letters, digits and _ . : -");
                }
                roles.add(t);
            }
        }
        return roles;
    }

    /** The new password, asked twice on a terminal or read once from stdin; null (after a message) when unusable. */
    private String readPassword(String name) {
        String password;
        if (console != null) {
            char[] a = console.readPassword("Password for %s: ", name);
            char[] b = console.readPassword("Repeat it: ");
            if (a == null || b == null || !Arrays.equals(a, b)) {
                err.println("users: the passwords differ");
                return null;
            }
            password = new String(a);
            Arrays.fill(a, '\0');
            Arrays.fill(b, '\0');
        } else {
            try {
                password = stdin.readLine();
            } catch (IOException e) {
                password = null;
            }
            if (password == null) {
                err.println("users: no password on standard input");
                return null;
            }
        }
        if (password.length() < MIN_PASSWORD_LENGTH || password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            err.println("users: a password has " + MIN_PASSWORD_LENGTH + " to " + PasswordHasher.MAX_PASSWORD_LENGTH + " characters");
            return null;
        }
        return password;
    }
}
