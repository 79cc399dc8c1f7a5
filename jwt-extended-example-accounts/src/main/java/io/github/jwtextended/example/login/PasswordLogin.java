package io.github.jwtextended.example.login;

import io.github.jwtextended.example.password.PasswordHasher;
import io.github.jwtextended.example.storage.User;
import io.github.jwtextended.example.storage.UserStore;
import io.github.jwtextended.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The password check of {@code POST /login} with its brute-force limit, as both example servers
 * run it: the attempt is counted before the password is checked ({@link LoginThrottle}; over the
 * limit: {@link LoginThrottle.TooManyAttempts}, 429, without a password check); an unknown user
 * and a wrong password cost the same work and get the same answer (401 "Bad username or
 * password"); a check that gets no answer (database down) is not counted; a success is taken back
 * and rehashes an outdated password hash. With {@link DeviceCookies}, a client presenting a valid
 * device cookie for the username is counted per device instead of per username, and a success
 * earns the client a new device cookie ({@link #deviceCookie}).
 *
 * <p>Thread safety: thread safe (its parts are).
 */
public final class PasswordLogin {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordLogin.class);
    /** The message of a refused password (unknown user or wrong password alike). */
    public static final String BAD_CREDENTIALS = "Bad username or password";

    private final UserStore users;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final DeviceCookies devices;

    /** Without device cookies: every client is untrusted. */
    public PasswordLogin(UserStore users, PasswordHasher passwords, LoginThrottle throttle) {
        this(users, passwords, throttle, null);
    }

    /** With {@code devices}, used when the throttle has a per-username limit ({@link LoginThrottle#usesDevices}); may be null. */
    public PasswordLogin(UserStore users, PasswordHasher passwords, LoginThrottle throttle, DeviceCookies devices) {
        this.users = Objects.requireNonNull(users, "users");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.devices = throttle.usesDevices() ? devices : null;
    }

    /** Whether the limit is on: only then does {@link #authenticate} need the client address. */
    public boolean limited() {
        return throttle.enabled();
    }

    /**
     * The user whose password {@code body} holds.
     *
     * @param address       the client's counting key ({@link ClientAddress#of}); may be null when not {@link #limited()}
     * @param cookieHeaders the request's {@code Cookie} headers, where a device cookie may be
     * @throws LoginThrottle.TooManyAttempts over the limit (429 with {@code Retry-After})
     * @throws LoginBody.Refused             401 {@link #BAD_CREDENTIALS}
     */
    public User authenticate(LoginBody body, String address, List<String> cookieHeaders) {
        String device = devices == null ? null : devices.trusted(body.username(), cookieHeaders);
        LoginThrottle.Attempt attempt = throttle.enabled()
                ? throttle.admit(body.username(), address == null ? "" : address, device) : null;
        if (attempt != null && attempt.retryAfter > 0) {
            throw new LoginThrottle.TooManyAttempts(attempt.retryAfter);
        }
        Optional<User> user;
        boolean ok;
        try {
            user = users.find(body.username());
            ok = passwords.verify(body.password(), user.map(User::passwordHash).orElse(null));
        } catch (RuntimeException e) {
            if (attempt != null) {
                throttle.cancel(attempt); // no answer on the password (database down): not a failure
            }
            throw e;
        }
        if (!ok) {
            if (attempt != null) {
                String reached = throttle.failed(attempt);
                if (reached != null) {
                    LOG.warn("login attempts limited: too many failures per {} from {}; further attempts answer 429 for up to {} s",
                            reached, LogText.escape(address), throttle.windowSeconds());
                }
            }
            throw new LoginBody.Refused(401, BAD_CREDENTIALS);
        }
        if (attempt != null) {
            throttle.succeeded(attempt);
        }
        User u = user.get();
        if (passwords.needsRehash(u.passwordHash())) {
            users.setPasswordHash(u.username(), passwords.hash(body.password()));
        }
        return u;
    }

    /**
     * The {@code Set-Cookie} header value that makes the client a trusted device of {@code username}
     * after a successful login, or empty when device cookies are not used.
     */
    public Optional<String> deviceCookie(String username) {
        return devices == null ? Optional.empty() : Optional.of(devices.issue(username));
    }
}
