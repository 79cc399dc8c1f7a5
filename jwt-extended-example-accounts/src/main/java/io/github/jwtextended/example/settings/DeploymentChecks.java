package io.github.jwtextended.example.settings;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.example.login.IpLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Checks of a deployment that both example servers make once at start, each answered by at most
 * one WARN line without any secret: a server reachable from other machines whose token cookies
 * would also travel over plain HTTP. (The demo users' well-known passwords are checked by
 * {@link io.github.jwtextended.example.storage.DemoUsers}.)
 *
 * <p>Thread safety: stateless.
 */
public final class DeploymentChecks {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentChecks.class);

    private DeploymentChecks() {
    }

    /**
     * Warns when the server listens on {@code host} beyond the loopback interface, uses cookies,
     * and {@code JWT_COOKIE_SECURE} is off; returns whether it warned.
     */
    public static boolean warnIfCookiesMayTravelInClear(String host, JwtConfig config) {
        if (!config.tokenLocations().contains(TokenLocation.COOKIES) || config.cookies().secure() || isLoopback(host)) {
            return false;
        }
        LOG.warn("HOST {} is reachable from other machines but JWT_COOKIE_SECURE is off: browsers also send the token"
                + " cookies over plain HTTP; serve over HTTPS and set JWT_COOKIE_SECURE=true", host);
        return true;
    }

    /**
     * Whether listening on {@code host} (the {@code HOST} setting) is reachable from this machine
     * only: a loopback address, or a name all of whose addresses are (the server binds the same
     * name); the wildcard and an unknown name are not.
     */
    public static boolean isLoopback(String host) {
        IpLiteral literal = IpLiteral.parse(host);
        if (literal != null) {
            byte[] b = literal.bytes();
            if (literal.isV4()) {
                return b[0] == 127;
            }
            for (int i = 0; i < 15; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return b[15] == 1;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) { // the setting, never a request's value
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
