package io.github.jwtextended.example.chaos;

/**
 * One protected request or logout of a chaos run: the instance it went to, the token's index, its
 * start and end ({@link System#nanoTime()}), and the answer.
 *
 * <p>Thread safety: immutable.
 */
public record Call(int instance, int token, long start, long end, int status, String body) {
    long micros() {
        return (end - start) / 1000;
    }
}
