package io.github.jwtextended.example.login;

import io.github.jwtextended.example.session.ClientDescription;
import io.github.jwtextended.example.storage.StorageException;
import io.github.jwtextended.example.storage.User;

import java.util.Objects;

/**
 * The checks of {@code POST /login}, in order, as both example servers run them: the cross-site
 * check ({@link LoginOriginCheck}: 403), the body ({@link LoginBody}: 4xx), then the brute-force
 * limit and the password ({@link PasswordLogin}: 429, 401), the client address found behind the
 * trusted {@code proxies}. Each request is counted once by its {@link LoginOutcome}
 * ({@link LoginCounter}: the {@code jwt.logins} counter when metrics are on).
 *
 * <pre>{@code
 * User user = checks.authenticate(request); // throws what the server answers
 * }</pre>
 *
 * <p>Thread safety: thread safe (its parts are).
 */
public final class LoginChecks {
    private final LoginOriginCheck origins;
    private final TrustedProxies proxies;
    private final PasswordLogin passwordLogin;
    private final LoginCounter counter;

    public LoginChecks(LoginOriginCheck origins, TrustedProxies proxies, PasswordLogin passwordLogin, LoginCounter counter) {
        this.origins = Objects.requireNonNull(origins, "origins");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
        this.passwordLogin = Objects.requireNonNull(passwordLogin, "passwordLogin");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    /** The password check (for the device cookie of a successful login). */
    public PasswordLogin passwordLogin() {
        return passwordLogin;
    }

    /**
     * The user whose password the request's body holds.
     *
     * @throws LoginBody.Refused             403 {@link LoginOriginCheck#MESSAGE}, a refused body (4xx),
     *                                       401 {@link PasswordLogin#BAD_CREDENTIALS}
     * @throws LoginThrottle.TooManyAttempts over the limit (429 with {@code Retry-After})
     * @throws StorageException              the database could not answer (503)
     */
    public User authenticate(LoginRequest request) {
        LoginOutcome outcome = LoginOutcome.ERROR;
        try {
            if (origins.refuses(request.header("Sec-Fetch-Site"), request.header("Origin"), request.header("Host"))) {
                outcome = LoginOutcome.CROSS_SITE;
                throw new LoginBody.Refused(403, LoginOriginCheck.MESSAGE); // login CSRF: before anything else
            }
            outcome = LoginOutcome.BAD_REQUEST;
            LoginBody body = LoginBody.parse(request.header("Content-Type"), request.body());
            String address = passwordLogin.limited()
                    ? ClientAddress.of(request.remoteAddress(), request.headers("X-Forwarded-For"), proxies) : null;
            outcome = LoginOutcome.BAD_CREDENTIALS; // unknown user and wrong password alike
            User user = passwordLogin.authenticate(body, address, request.headers("Cookie"));
            outcome = LoginOutcome.SUCCESS;
            return user;
        } catch (LoginThrottle.TooManyAttempts e) {
            outcome = LoginOutcome.THROTTLED;
            throw e;
        } catch (StorageException e) {
            outcome = LoginOutcome.UNAVAILABLE;
            throw e;
        } catch (LoginBody.Refused e) {
            throw e; // the step's outcome
        } catch (RuntimeException e) {
            outcome = LoginOutcome.ERROR;
            throw e;
        } finally {
            counter.count(outcome);
        }
    }

    /** The client of a successful login, for its session record ({@link ClientDescription}). */
    public String client(LoginRequest request) {
        return ClientDescription.of(request.header("User-Agent"), request.remoteAddress(),
                request.headers("X-Forwarded-For"), proxies);
    }
}
