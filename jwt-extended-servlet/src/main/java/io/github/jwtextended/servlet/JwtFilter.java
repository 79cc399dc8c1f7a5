package io.github.jwtextended.servlet;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.BadRequestException;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Jakarta Servlet filter (Tomcat, Jetty, Undertow): verifies the request of every path that
 * matches a guarded pattern before the servlet runs, and answers every {@link JwtException} (from a
 * guard, or thrown by the servlet, e.g. through {@link ServletJwt#verify}) with the manager's error
 * response, exactly as the Javalin plugin does.
 *
 * <pre>{@code
 * JwtFilter filter = JwtFilter.builder(manager)
 *         .guard("/protected/*", Guard.required())
 *         .guard("/fresh", Guard.required().fresh(true))
 *         .guard("/refresh", Guard.required().refresh(true))
 *         .guard("/optional", Guard.required().optional(true))
 *         .build();
 * servletContext.addFilter("jwt", filter).addMappingForUrlPatterns(null, false, "/*");
 * }</pre>
 *
 * Patterns are servlet URL patterns matched against the path inside the context (servlet path plus
 * path info): {@code /exact}, {@code /prefix/*} (which also matches {@code /prefix}), {@code /*},
 * {@code *.ext}; the most specific one decides, as for servlet mappings. A guard applies to every
 * method: an {@code OPTIONS} request passes untouched (the core answers it with an absent token, so
 * the accessors see no claims), and {@code HEAD} is guarded like {@code GET}. The filter puts the
 * manager in {@link ServletJwt#MANAGER_ATTRIBUTE} on every request, so unguarded servlets can use the
 * cookie helpers and {@link ServletJwt#verify(jakarta.servlet.http.HttpServletRequest, Guard)}.
 *
 * <p>A guarded pattern covers its path in any letter case and with a trailing slash; a permitted one
 * only as written. A filter with patterns answers 400 {@code Ambiguous request path} to a request
 * whose raw URI could route elsewhere than the path it guards: path parameters ({@code ;}, so also
 * URL-rewritten session ids), dot or empty segments, encoded slashes, dots, semicolons or percent
 * signs, backslashes, or any other difference between the decoded raw path and the mapped one. A
 * filter without patterns (the Spring starter's) leaves paths alone.
 *
 * <p>On Jetty, make its header cache case-sensitive
 * ({@code HttpConfiguration.setHeaderCacheCaseSensitive(true)}): by default Jetty may hand a
 * connection's earlier {@code Bearer ...} line for a later {@code bearer ...} one, and schemes and
 * tokens are compared case-sensitively.
 *
 * <p>Thread safety: immutable after {@link Builder#build()}; thread safe.
 */
public final class JwtFilter implements Filter {
    private final JwtManager manager;
    private final List<Entry> entries;

    private record Entry(PathPattern pattern, Guard guard) {
    }

    private JwtFilter(JwtManager manager, List<Entry> entries) {
        this.manager = manager;
        this.entries = List.copyOf(entries);
    }

    /** A filter for {@code manager}; add guarded patterns, then build. */
    public static Builder builder(JwtManager manager) {
        return new Builder(manager);
    }

    public JwtManager manager() {
        return manager;
    }

    /**
     * The guard of the most specific pattern that matches {@code path}, or null (unguarded or
     * permitted). A guarded pattern matches in any letter case and with one trailing slash more
     * ({@code /admin/*} guards {@code /ADMIN}, {@code /admin} guards {@code /admin/}); a permitted
     * pattern matches only as written, so that no spelling of a guarded path falls outside its guard.
     */
    public Guard guardFor(String path) {
        Entry best = null;
        for (Entry e : entries) {
            if (!(e.guard() == null ? e.pattern().matches(path) : e.pattern().matchesLoosely(path))) {
                continue;
            }
            if (best == null || moreSpecific(e.pattern(), best.pattern())) {
                best = e;
            }
        }
        return best == null ? null : best.guard();
    }

    private static boolean moreSpecific(PathPattern a, PathPattern b) {
        if (a.kind() != b.kind()) {
            return a.kind().ordinal() < b.kind().ordinal();
        }
        return a.kind() == PathPattern.Kind.PREFIX && a.specificity() > b.specificity();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = new BodyCachingRequest((HttpServletRequest) req);
        HttpServletResponse response = (HttpServletResponse) res;
        request.setAttribute(ServletJwt.MANAGER_ATTRIBUTE, manager);
        Guard guard = guardFor(pathOf(request));
        try {
            if (!entries.isEmpty() && request.getDispatcherType() == DispatcherType.REQUEST && RawPath.ambiguous(request)) {
                throw new BadRequestException(RawPath.AMBIGUOUS);
            }
            if (guard != null) {
                ServletJwt.verify(manager, request, guard);
            }
            chain.doFilter(request, response);
        } catch (JwtException e) {
            answer(request, response, e);
        } catch (ServletException e) {
            JwtException cause = jwtCause(e);
            if (cause == null) {
                throw e;
            }
            answer(request, response, cause);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, JwtException e) throws IOException {
        if (response.isCommitted()) {
            throw e; // too late to answer: the container ends the response
        }
        ServletJwt.respond(manager, request, response, e);
    }

    private static JwtException jwtCause(Throwable t) {
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof JwtException) {
                return (JwtException) t;
            }
        }
        return null;
    }

    /** The path inside the context: servlet path plus path info. */
    static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + info;
        return path.isEmpty() ? "/" : path;
    }

    /** Builds a {@link JwtFilter}. Not thread safe; used once at startup. */
    public static final class Builder {
        private final JwtManager manager;
        private final List<Entry> entries = new ArrayList<>();

        private Builder(JwtManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager");
        }

        /** Guards every path matching {@code pattern} with {@code guard}; a pattern given twice is refused. */
        public Builder guard(String pattern, Guard guard) {
            return add(pattern, Objects.requireNonNull(guard, "guard"));
        }

        /**
         * Leaves every path matching {@code pattern} unguarded, even inside a guarded prefix
         * ({@code .guard("/api/*", Guard.required()).permit("/api/health")}); a pattern given twice is refused.
         */
        public Builder permit(String pattern) {
            return add(pattern, null);
        }

        private Builder add(String pattern, Guard guardOrNull) {
            PathPattern p = PathPattern.parse(pattern);
            for (Entry e : entries) {
                if (e.pattern().toString().equals(pattern)) {
                    throw new IllegalArgumentException("pattern already listed: " + pattern);
                }
            }
            entries.add(new Entry(p, guardOrNull));
            return this;
        }

        public JwtFilter build() {
            return new JwtFilter(manager, entries);
        }
    }
}
