package io.github.jwtextended.extract;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The body and form policies every adapter takes from {@link JwtRequest}'s default methods. */
class JwtRequestDefaultsTest {

    @Test
    void aBodyWithinTheLimitIsReadUpToOneByteMore() {
        assertThat(request(-1, bytes(10), null).body(10)).hasSize(10);
        assertThat(request(10, bytes(10), null).body(10)).hasSize(10);
        assertThat(request(-1, bytes(50), null).body(10)).as("chunked, larger than declared: cut at limit + 1").hasSize(11);
        assertThat(request(-1, new byte[0], null).body(10)).isEmpty();
    }

    @Test
    void aBodyDeclaredOverTheLimitIsDrainedAndAnsweredTooLargeWithoutBeingKept() {
        Probe probe = new Probe(-1, bytes(5000), null);
        probe.declared = 5000;
        assertThat(probe.body(100)).hasSize(101).containsOnly(0);
        assertThat(probe.reads.get()).as("readBody not called").isZero();
        assertThat(probe.streamed.available()).as("drained, so the answer reaches the client").isZero();

        Probe huge = new Probe(RefusedBodies.DISCARD_LIMIT + 1, bytes(10), null);
        assertThat(huge.body(100)).hasSize(101);
        assertThat(huge.streamed == null || huge.streamed.available() == 10).as("too large to drain: left unread").isTrue();
    }

    @Test
    void aBodyThatCannotBeReadHoldsNoToken() {
        Probe io = new Probe(-1, null, null);
        io.readFailure = new IOException("cut short");
        assertThat(io.body(100)).isEmpty();
        Probe unchecked = new Probe(-1, null, null);
        unchecked.readFailure = new UncheckedIOException(new IOException("malformed chunk"));
        assertThat(unchecked.body(100)).isEmpty();
    }

    @Test
    void aFormFieldIsAskedOfTheContainerOnlyForADecodableForm() {
        Function<String, String> container = name -> "value-of-" + name;
        assertThat(request(-1, new byte[0], null, container).formParam("csrf")).isNull();
        assertThat(request(-1, new byte[0], "application/json", container).formParam("csrf")).isNull();
        assertThat(request(-1, new byte[0], "application/x-www-form-urlencoded", container).formParam("csrf")).isEqualTo("value-of-csrf");
        assertThat(request(-1, new byte[0], "multipart/form-data; boundary=x", container).formParam("csrf")).isEqualTo("value-of-csrf");
        assertThat(request(-1, new byte[0], "application/x-www-form-urlencoded; charset=no-such-charset", name -> {
            throw new AssertionError("an unknown charset is never handed to the container");
        }).formParam("csrf")).isNull();
        assertThat(request(-1, new byte[0], "application/x-www-form-urlencoded", name -> {
            throw new IllegalStateException("body cut short");
        }).formParam("csrf")).isNull();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 'a');
        return b;
    }

    private static Probe request(long declared, byte[] body, String contentType) {
        return new Probe(declared, body, contentType);
    }

    private static Probe request(long declared, byte[] body, String contentType, Function<String, String> form) {
        Probe p = new Probe(declared, body, contentType);
        p.form = form;
        return p;
    }

    /** A request whose raw parts are given; it records what the defaults asked of it. */
    private static final class Probe implements JwtRequest {
        long declared;
        final byte[] body;
        final String contentType;
        Function<String, String> form = name -> null;
        Exception readFailure;
        final AtomicInteger reads = new AtomicInteger();
        ByteArrayInputStream streamed;

        Probe(long declared, byte[] body, String contentType) {
            this.declared = declared;
            this.body = body;
            this.contentType = contentType;
        }

        @Override
        public String method() {
            return "POST";
        }

        @Override
        public List<String> headers(String name) {
            return "Content-Type".equalsIgnoreCase(name) && contentType != null ? List.of(contentType) : List.of();
        }

        @Override
        public String cookie(String name) {
            return null;
        }

        @Override
        public List<String> queryParams(String name) {
            return List.of();
        }

        @Override
        public long declaredBodyLength() {
            return declared;
        }

        @Override
        public InputStream bodyStream() {
            streamed = new ByteArrayInputStream(body);
            return streamed;
        }

        @Override
        public byte[] readBody(int max) throws IOException {
            reads.incrementAndGet();
            if (readFailure instanceof IOException e) {
                throw e;
            }
            if (readFailure instanceof RuntimeException e) {
                throw e;
            }
            return JwtRequest.super.readBody(max);
        }

        @Override
        public String containerFormParam(String name) {
            return form.apply(name);
        }
    }
}
