package io.github.jwtextended.callback;

import java.util.Map;

/**
 * Says whether a verified token is revoked ({@code token_in_blocklist_loader}); called for access
 * and refresh tokens alike. Used in addition to the manager's revocation store. An exception it
 * throws fails the request closed (503). Must be thread safe.
 */
@FunctionalInterface
public interface BlocklistCheck {
    boolean isRevoked(Map<String, Object> header, Map<String, Object> claims);
}
