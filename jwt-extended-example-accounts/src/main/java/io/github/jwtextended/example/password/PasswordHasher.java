package io.github.jwtextended.example.password;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * Argon2id password hashing (password4j), with OWASP's recommended minimum cost: 19 MiB of memory,
 * 2 iterations, 1 lane, a 16-byte random salt and a 32-byte hash, stored as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$...}).
 *
 * <p>{@link #verify} spends the same work whether or not the user exists: for an unknown user it
 * checks the password against a hash made at startup, so response times do not reveal which names
 * exist. At most {@code 2 x cores} hashes run at once, so a burst of logins cannot take all memory.
 *
 * <p>Thread safety: thread safe.
 */
public final class PasswordHasher {
    /** OWASP Password Storage Cheat Sheet, Argon2id minimum: m=19 MiB, t=2, p=1. */
    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    public static final int HASH_BYTES = 32;
    public static final int SALT_BYTES = 16;
    /** Longest password accepted; Argon2 takes any length, this only bounds the work per request. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final Argon2Function function;
    private final String decoyHash;
    private final Semaphore permits;

    public PasswordHasher() {
        this.function = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);
        this.permits = new Semaphore(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()), true);
        this.decoyHash = hash("decoy password for unknown users");
    }

    /** A new PHC-format hash of {@code password} with a random salt. */
    public String hash(CharSequence password) {
        Objects.requireNonNull(password, "password");
        return limited(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult());
    }

    /**
     * Whether {@code password} matches {@code storedHash}; a null hash (unknown user) or a hash
     * that cannot be read costs the same and answers false.
     */
    public boolean verify(CharSequence password, String storedHash) {
        Objects.requireNonNull(password, "password");
        boolean known = storedHash != null;
        String hash = known ? storedHash : decoyHash;
        Argon2Function f;
        try {
            f = hash.equals(decoyHash) ? function : Argon2Function.getInstanceFromHash(hash);
        } catch (RuntimeException e) {
            f = null;
        }
        final Argon2Function fn = f == null ? function : f;
        final String checkAgainst = f == null ? decoyHash : hash;
        boolean ok = limited(() -> Password.check(password, checkAgainst).with(fn));
        return ok && known && f != null;
    }

    /** Whether a stored hash was made with other parameters than the current ones (rehash at next login). */
    public boolean needsRehash(String storedHash) {
        try {
            Argon2Function f = Argon2Function.getInstanceFromHash(storedHash);
            return f.getVariant() != Argon2.ID || f.getMemory() != MEMORY_KIB || f.getIterations() != ITERATIONS
                    || f.getParallelism() != PARALLELISM || f.getOutputLength() != HASH_BYTES;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private <T> T limited(java.util.function.Supplier<T> work) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
