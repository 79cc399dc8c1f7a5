package io.github.jwtextended.revocation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A store's near cache: revocations kept in this process's memory, from which checks are answered
 * without asking the backend while the cache is trusted; the capability
 * {@link RevocationStore#nearCache()} gives when the store keeps one. Wrappers that put machinery
 * around a check, such as {@link DeadlineRevocationStore} (a worker thread and a deadline), ask
 * {@link #cachedAnswer} first and use their machinery only when it has no answer, so a check
 * answered from memory costs a map lookup and nothing more.
 *
 * <p>{@link #size()} and {@link #staleness()} describe the cache for an operator's gauges; they
 * are read at scrape time, never on a check's path.
 *
 * <p>Implementations must be thread safe, and no method may block or do I/O.
 */
public interface NearCache {
    /**
     * The answer the store's {@link RevocationStore#isRevoked(RevocationCheck)} would give, from
     * memory, when the cache is trusted right now; null when the check must go to the store's
     * backend (then call {@link RevocationStore#isRevoked(RevocationCheck)}). Never blocks, never
     * throws for an outage.
     */
    Boolean cachedAnswer(RevocationCheck check);

    /**
     * Whether checks are answered from memory right now: false while the cache is (re)loading,
     * after it lost touch with the backend for longer than it allows, and once the store is closed.
     */
    boolean trusted();

    /**
     * How many entries the cache holds right now (revoked ids, identities logged out everywhere,
     * revoked families; entries whose tokens have all expired go at the next sweep); empty when
     * the implementation does not count them. Default: empty.
     */
    default OptionalInt size() {
        return OptionalInt.empty();
    }

    /**
     * How long ago the cache last knew it held everything the backend had: the start of its last
     * successful synchronisation (a poll, an answered heartbeat); counted from the cache's start
     * while it has never synchronised. It keeps growing while the backend is gone, whether or not
     * the cache is still {@linkplain #trusted() trusted}; empty when the implementation does not
     * tell. Default: empty.
     */
    default Optional<Duration> staleness() {
        return Optional.empty();
    }

    /**
     * A near cache made of a store's parts: {@code answers} for {@link #cachedAnswer} (null when
     * the check must go to the backend), and the cache's trust, size and staleness. Each must
     * follow the contract of the method it serves (thread safe, no blocking, no I/O).
     */
    static NearCache of(Function<RevocationCheck, Boolean> answers, BooleanSupplier trusted, IntSupplier size,
                        Supplier<Duration> staleness) {
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(trusted, "trusted");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(staleness, "staleness");
        return new NearCache() {
            @Override
            public Boolean cachedAnswer(RevocationCheck check) {
                return answers.apply(check);
            }

            @Override
            public boolean trusted() {
                return trusted.getAsBoolean();
            }

            @Override
            public OptionalInt size() {
                return OptionalInt.of(size.getAsInt());
            }

            @Override
            public Optional<Duration> staleness() {
                return Optional.of(staleness.get());
            }
        };
    }
}
