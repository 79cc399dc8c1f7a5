package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.request.BodyLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The example server's body limit ({@link BodyLimit}) before anything else runs, on every route,
 * known or not, guarded or not: a declared {@code Content-Length} over the limit answers 413
 * {@code {"msg": "Request body too large (at most 65536 bytes)"}}; any other body is read here up to
 * the limit and kept for the handler, or refused the same way, and a body that cannot be read
 * (malformed chunks, fewer bytes than declared) answers 400 {@code {"msg": "Request body could not
 * be read"}}, as the example server does, never an error inside a handler. The unread rest of a refused body is
 * Tomcat's to drop: it reads and discards up to {@code server.tomcat.max-swallow-size} (2 MB by
 * default, above the example's {@link io.github.jwtextended.extract.RefusedBodies#DISCARD_LIMIT}), so a keep-alive client gets the
 * 413 rather than a reset connection ({@code LoginProtectionContract} checks it).
 *
 * <p>Thread safety: stateless.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodyLimitFilter extends OncePerRequestFilter {
    private static final byte[] ANSWER = ("{\"msg\":\"" + BodyLimit.MESSAGE + "\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNREADABLE = ("{\"msg\":\"" + BodyLimit.UNREADABLE_MESSAGE + "\"}").getBytes(StandardCharsets.UTF_8);
    /** Set on a request whose body could not be read (for {@link ErrorAnswers#error}). */
    static final String UNREADABLE_ATTRIBUTE = BodyLimitFilter.class.getName() + ".unreadable";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > BodyLimit.MAX_BYTES) {
            refuse(response);
            return;
        }
        if (declared > 0 || (declared < 0 && request.getHeader("Transfer-Encoding") != null)) {
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes(BodyLimit.MAX_BYTES + 1);
            } catch (IOException unreadable) {
                // Malformed chunks, or the client sent less than it declared and stopped. Tomcat has
                // put the response in its error state already: what is written here is dropped and
                // the 400 goes to /error, where the attribute gives ErrorAnswers the message. The
                // answer written here is for a read failure Tomcat did not mark (sendError would be
                // a 500 here: the response is in its error state already).
                request.setAttribute(UNREADABLE_ATTRIBUTE, Boolean.TRUE);
                answer(response, 400, UNREADABLE);
                return;
            }
            if (body.length > BodyLimit.MAX_BYTES) {
                answer(response, 413, ANSWER);
                return;
            }
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        answer(response, 413, ANSWER);
    }

    private static void answer(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The request with its body already read. Not thread safe, as a request is not. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("not asynchronous");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            String enc = getCharacterEncoding();
            Charset cs;
            try {
                cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(enc); // what the servlet API names for it
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), cs));
        }
    }
}
