package io.github.jwtextended.example.chaos;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output (where the servers' slf4j-simple log goes, looked up at every line) copied while
 * open: what the servers logged during a run, still printed as usual. {@link #close()} puts the
 * previous stream back.
 *
 * <p>Thread safety: thread safe; writes from any thread are appended whole.
 */
public final class CapturedOutput implements AutoCloseable {
    private final PrintStream previous = System.out;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    public CapturedOutput() {
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                previous.write(b);
                copy.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                previous.write(b, off, len);
                copy.write(b, off, len);
            }

            @Override
            public void flush() {
                previous.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** What was printed so far. */
    public String text() {
        return copy.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(previous);
    }
}
