package io.github.jwtextended.error;

import io.github.jwtextended.revocation.RevocationStoreException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one translation of a store failure: any runtime failure of the call becomes the 503 error, its detail only in the cause. */
class StoreUnavailableExceptionTest {
    @Test
    void anAnswerOrAWritePassesThrough() {
        assertThat(StoreUnavailableException.failClosed(() -> Boolean.TRUE)).isTrue();
        AtomicBoolean written = new AtomicBoolean();
        StoreUnavailableException.failClosed(() -> written.set(true));
        assertThat(written).isTrue();
    }

    @Test
    void everyFailureOfTheCallFailsClosedWithTheOneMessage() {
        RuntimeException[] failures = {new RevocationStoreException("connection refused"),
                new IllegalArgumentException("jti is longer than 255 characters"), new IllegalStateException("closed")};
        for (RuntimeException failure : failures) {
            java.util.function.Supplier<Boolean> check = () -> {
                throw failure;
            };
            Runnable write = () -> {
                throw failure;
            };
            assertThatThrownBy(() -> StoreUnavailableException.failClosed(check)).isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                assertThat(e.getMessage()).isEqualTo("Token revocation status is temporarily unavailable")
                        .isEqualTo(StoreUnavailableException.MESSAGE);
                assertThat(e.getCause()).as("kept for the server log").isSameAs(failure);
                assertThat(e.kind()).isEqualTo(ErrorKind.STORE_UNAVAILABLE);
            });
            assertThatThrownBy(() -> StoreUnavailableException.failClosed(write)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessage(StoreUnavailableException.MESSAGE).hasCause(failure);
        }
    }
}
