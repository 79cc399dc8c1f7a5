package io.github.jwtextended.revocation;

import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared store's capabilities seen through every wrapper ({@link StoreWrapping}): rotation
 * through the wrapper writes the store's backend, a strict store has no near cache through it, a
 * near cache is the store's own, and closing the outermost wrapper closes the store. Run by a
 * subclass that brings the store (SQLite, Redis); shipped in the core's test-jar.
 */
public abstract class CapabilitiesThroughWrappersContract {
    private final List<RevocationStore> opened = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /**
     * A new store over the shared backing data, with a near cache or strict; closed after the test
     * (a second close must be harmless).
     */
    protected abstract RevocationStore newStore(boolean nearCache);

    /** The instant the store's entries are measured against. */
    protected abstract Instant now();

    /**
     * What else shows that closing the wrapper closed {@code store} (a store with a near cache,
     * holding a revoked {@code jti}).
     */
    protected abstract void assertClosed(RevocationStore store, String jti);

    /** A unique id for this test run. */
    protected final String id(String name) {
        return name + "-" + run;
    }

    /** A store from {@link #newStore}, closed after the test. */
    protected final RevocationStore store(boolean nearCache) {
        return opened(newStore(nearCache));
    }

    /** {@code store} inside {@code wrapping}, closed after the test. */
    protected final RevocationStore wrapped(StoreWrapping wrapping, RevocationStore store) {
        return opened(wrapping.around(store));
    }

    private RevocationStore opened(RevocationStore s) {
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(RevocationStore::close);
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void rotationThroughTheWrapperIsTheStores(StoreWrapping wrapping) {
        RevocationStore store = wrapped(wrapping, store(false));
        RefreshRotation rotation = store.rotation().orElseThrow();
        String fam = id("fam");
        Instant keep = now().plusSeconds(3600);
        assertThat(rotation.rotate(fam, id("r0"), id("r1"), keep, Duration.ZERO).result()).isEqualTo(RotationResult.ROTATED);
        RevocationStore direct = store(false);
        assertThat(direct.rotation().orElseThrow().rotate(fam, id("r0"), id("x"), keep, Duration.ZERO).result())
                .as("the family the wrapper's rotation wrote").isEqualTo(RotationResult.REUSE);
        assertThat(store.isRevoked(RevocationCheck.of(id("r1"), null, now(), now().plusSeconds(900), fam))).isTrue();
        rotation.revokeFamily(id("other"), keep);
        assertThat(direct.isRevoked(RevocationCheck.of(null, null, now(), null, id("other")))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void aStrictStoreHasNoNearCacheWrapped(StoreWrapping wrapping) {
        assertThat(wrapped(wrapping, store(false)).nearCache()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void theNearCacheIsVisibleThroughTheWrapperAndClosingTheWrapperClosesTheStore(StoreWrapping wrapping) {
        RevocationStore inner = store(true);
        RevocationStore store = wrapping.around(inner);
        NearCache nearCache = store.nearCache().orElseThrow();
        assertThat(nearCache.trusted()).as("loaded when built").isTrue();
        store.revoke(id("own"), now().plusSeconds(60));
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti(id("own")))).isTrue();
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti(id("never")))).isFalse();
        assertThat(store.isRevoked(id("own"))).isTrue();

        store.close();
        assertThat(nearCache.trusted()).as("closing the wrapper closed the store's near cache").isFalse();
        assertThat(inner.nearCache().orElseThrow().trusted()).isFalse();
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti(id("own")))).isNull();
        assertClosed(inner, id("own"));
    }
}
