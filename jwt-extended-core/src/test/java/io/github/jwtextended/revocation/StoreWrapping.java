package io.github.jwtextended.revocation;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The ways the library wraps a store: each wrapper alone and the two stacked either way. Tests of
 * capabilities run over every one of them, so a capability lost (or invented) by any wrapper shows.
 * Shipped in the core's test-jar for the stores' own modules.
 */
public enum StoreWrapping {
    DEADLINE(s -> deadline(s)),
    FAIL_OPEN(FailOpenRevocationStore::new),
    DEADLINE_OVER_FAIL_OPEN(s -> deadline(new FailOpenRevocationStore(s))),
    FAIL_OPEN_OVER_DEADLINE(s -> new FailOpenRevocationStore(deadline(s)));

    /** Long enough that no check of a quick store misses it on a loaded machine. */
    public static final Duration DEADLINE_USED = Duration.ofSeconds(2);

    private final UnaryOperator<RevocationStore> wrap;

    StoreWrapping(UnaryOperator<RevocationStore> wrap) {
        this.wrap = wrap;
    }

    /** {@code store} inside this wrapping; closing the result closes {@code store}. */
    public RevocationStore around(RevocationStore store) {
        return wrap.apply(store);
    }

    private static RevocationStore deadline(RevocationStore s) {
        return new DeadlineRevocationStore(s, DEADLINE_USED, 2);
    }
}
