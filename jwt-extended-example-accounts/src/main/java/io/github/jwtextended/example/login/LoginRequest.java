package io.github.jwtextended.example.login;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The parts of a {@code POST /login} request that {@link LoginChecks} reads, as each server's
 * framework gives them (a servlet request's {@code getHeader}, {@code getHeaders},
 * {@code getRemoteAddr}, and the server's own way to read the body).
 *
 * <p>Thread safety: used on the request's thread only.
 *
 * @param headerValue   a header's first value, or null
 * @param headerLines   every line of a header
 * @param remoteAddress the connection's peer address
 * @param bodyReader    the body, at most {@link LoginBody#MAX_BODY_BYTES} + 1 bytes; it refuses a body
 *                      declared larger with {@link LoginBody#tooLarge()}, one it cannot read with a 400
 *                      {@link LoginBody.Refused}
 */
public record LoginRequest(Function<String, String> headerValue, Function<String, Enumeration<String>> headerLines,
                           String remoteAddress, Supplier<byte[]> bodyReader) {
    public LoginRequest {
        Objects.requireNonNull(headerValue, "headerValue");
        Objects.requireNonNull(headerLines, "headerLines");
        Objects.requireNonNull(bodyReader, "bodyReader");
    }

    /** The header's first value, or null. */
    public String header(String name) {
        return headerValue.apply(name);
    }

    /** Every value of the header, in order (empty when absent). */
    public List<String> headers(String name) {
        Enumeration<String> lines = headerLines.apply(name);
        return lines == null ? List.of() : Collections.list(lines);
    }

    /** The body (see {@link #bodyReader}). */
    public byte[] body() {
        return bodyReader.get();
    }
}
