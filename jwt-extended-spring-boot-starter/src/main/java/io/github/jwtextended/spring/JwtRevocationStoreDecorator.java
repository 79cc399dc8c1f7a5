package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.revocation.RevocationStore;

/**
 * Wraps the revocation store that the starter's {@link JwtManager} is given (the
 * {@code RevocationStore} bean itself stays as it is). Every bean of this type is applied, in their
 * order ({@code @Order} on the bean method), each wrapping the result of the one before, so the
 * last is outermost. The starter's own: observations (order {@value #OBSERVATIONS_ORDER}), then
 * meters (order {@value #METERS_ORDER}, outermost, so they time a call as the manager sees it).
 *
 * <p>Thread safety: implementations must be thread safe, and so must the stores they return.
 */
@FunctionalInterface
public interface JwtRevocationStoreDecorator {
    /** The order of the starter's {@code ObservedRevocationStore} decorator. */
    int OBSERVATIONS_ORDER = 1000;
    /** The order of the starter's {@code MeteredRevocationStore} decorator: after (around) the observations. */
    int METERS_ORDER = 2000;

    /** {@code store}, wrapped. */
    RevocationStore decorate(RevocationStore store);
}
