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
    private ServletInputStream stream;
    private BufferedReader reader;

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
        if (prefix == null) {
            return super.getInputStream();
        }
        if (reader != null) {
            throw new IllegalStateException("getReader() has already been called");
        }
        if (stream == null) {
            stream = new Replay(keptThenRest());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (prefix == null) {
            return super.getReader();
        }
        if (stream != null) {
            throw new IllegalStateException("getInputStream() has already been called");
        }
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(keptThenRest(), charset(getCharacterEncoding())));
        }
        return reader;
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

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body was partly read for the token: use blocking reads");
        }
    }
}
