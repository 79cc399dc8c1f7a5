package io.github.jwtextended.conformance;

/**
 * A running server under test: an application of one adapter (Javalin plugin, servlet filter,
 * Spring starter, ...) that serves the routes of {@link ConformanceSuite} for one manager, on
 * 127.0.0.1.
 *
 * <p>Thread safety: implementations are used by the suite's thread; the server itself serves
 * requests on its own threads.
 */
public interface ConformanceServer extends AutoCloseable {
    /** The port it listens on, on 127.0.0.1. */
    int port();

    /**
     * Whether the adapter's framework routes a request by its {@code X-HTTP-Method-Override}
     * header (Javalin does; servlet containers and Spring MVC without a method filter do not).
     */
    default boolean routesByMethodOverride() {
        return false;
    }

    /** Stops the server; never throws. */
    @Override
    void close();
}
