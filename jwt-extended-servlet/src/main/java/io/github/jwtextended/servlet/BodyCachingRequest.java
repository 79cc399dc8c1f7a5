package io.github.jwtextended.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body the verifier may read first (for the {@code json} location): the bytes it
 * read are kept and given back to the application ahead of the rest of the stream, so the
 * application reads the whole body as if nobody had touched it.
 *
 * <p>Thread safety: used by the request's thread only.
 */
final class BodyCachingRequest extends HttpServletRequestWrapper {
    private byte[] prefix;
    /**
     * The whole body as the application first asked for it, a {@link Replay} stream or a reader; the
     * servlet API lets a request's body be read through one of them, never both.
     */
    private Object replay;

    /** Makes the replay of the whole body in one of its two forms. */
    private interface ReplayForm<T> {
        T over(InputStream wholeBody) throws IOException;
    }

    BodyCachingRequest(HttpServletRequest request) {
        super(request);
    }

    /** The first {@code max} bytes of the body (fewer when it is shorter), read once and kept. */
    byte[] prefix(int max) throws IOException {
        if (prefix == null) {
            prefix = super.getInputStream().readNBytes(max);
        }
        return prefix;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        return prefix == null ? super.getInputStream() : replay(ServletInputStream.class, Replay::new, "getReader()");
    }

    @Override
    public BufferedReader getReader() throws IOException {
        return prefix == null ? super.getReader()
                : replay(BufferedReader.class, in -> new BufferedReader(new InputStreamReader(in, charset(getCharacterEncoding()))),
                "getInputStream()");
    }

    /** The replay as a {@code form}, made on the first call; refused when it was made as the other one ({@code other} was called). */
    private <T> T replay(Class<T> form, ReplayForm<T> make, String other) throws IOException {
        if (replay == null) {
            replay = make.over(keptThenRest());
        }
        if (!form.isInstance(replay)) {
            throw new IllegalStateException(other + " has already been called");
        }
        return form.cast(replay);
    }

    /** The whole body: the kept bytes, then the rest of the container's stream. */
    private InputStream keptThenRest() throws IOException {
        return new SequenceInputStream(new ByteArrayInputStream(prefix), super.getInputStream());
    }

    /** The named charset (UTF-8 when none); one Java does not know is the checked exception the servlet API names. */
    static Charset charset(String name) throws UnsupportedEncodingException {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedEncodingException(name);
        }
    }

    /** A blocking stream over the kept bytes and the rest. */
    private static final class Replay extends ServletInputStream {
        private final InputStream in;
        private boolean finished;

        Replay(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            finished = n < 0;
            return n;
        }

        @Override public boolean isFinished() { return finished; }
        @Override public boolean isReady() { return true; } // the body is in memory

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body was partly read for the token: use blocking reads");
        }
    }
}
