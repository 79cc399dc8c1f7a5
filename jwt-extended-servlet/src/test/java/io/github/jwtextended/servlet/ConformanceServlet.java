package io.github.jwtextended.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The routes of the conformance kit as one servlet behind a {@link JwtFilter}; the filter holds the
 * guards ({@link #filter(JwtManager)}), the servlet only answers.
 *
 * <p>Thread safety: stateless.
 */
final class ConformanceServlet extends HttpServlet {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The guards of the kit's routes. */
    static JwtFilter filter(JwtManager manager) {
        return JwtFilter.builder(manager)
                .guard("/protected/*", Guard.required())
                .guard("/optional", Guard.required().optional(true))
                .guard("/fresh", Guard.required().fresh(true))
                .guard("/refresh", Guard.required().refresh(true))
                .guard("/any-type", Guard.required().verifyType(false))
                .guard("/skip-revocation", Guard.required().skipRevocationCheck(true))
                .guard("/claims", Guard.required())
                .guard("/header", Guard.required())
                .guard("/user", Guard.required())
                .build();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = JwtFilter.pathOf(req);
        String method = req.getMethod();
        boolean get = method.equals("GET") || method.equals("HEAD");
        boolean post = method.equals("POST");
        Object body;
        if (path.equals("/protected") || path.equals("/protected/deeper") && get) {
            body = echo(req, "id", "loc");
        } else if (path.equals("/optional") && (get || post) || path.equals("/fresh") && get
                || path.equals("/refresh") && (get || post) || path.equals("/skip-revocation") && get) {
            body = echo(req, "id");
        } else if (path.equals("/any-type") && get) {
            body = echo(req, "id", "type");
        } else if (path.equals("/claims") && (get || method.equals("OPTIONS"))) {
            body = new TreeMap<>(ServletJwt.claims(req));
        } else if (path.equals("/header") && get) {
            body = new TreeMap<>(ServletJwt.jwt(req).header());
        } else if (path.equals("/user") && get) {
            body = Map.of("user", ServletJwt.jwt(req).currentUser(Object.class));
        } else if (path.equals("/verify-inside") && get) {
            ServletJwt.verify(req, Guard.required().fresh(true));
            body = echo(req, "id");
        } else if (path.equals("/open") && get) {
            body = Map.of("ok", true);
        } else if (path.equals("/cookies/login") && post) {
            ServletJwt.setAccessCookies(req, res, req.getHeader("X-Access-Token"));
            ServletJwt.setRefreshCookies(req, res, req.getHeader("X-Refresh-Token"));
            body = Map.of("ok", true);
        } else if (path.equals("/cookies/logout") && post) {
            ServletJwt.unsetJwtCookies(req, res);
            body = Map.of("ok", true);
        } else {
            res.sendError(404);
            return;
        }
        res.setStatus(200);
        res.setContentType("application/json");
        if (!method.equals("HEAD")) {
            res.getOutputStream().write(JSON.writeValueAsBytes(body));
        }
    }

    static Map<String, Object> echo(HttpServletRequest req, String... fields) {
        Map<String, Object> out = new TreeMap<>();
        for (String f : fields) {
            switch (f) {
                case "id" -> out.put("id", ServletJwt.jwt(req).identity());
                case "loc" -> out.put("loc", ServletJwt.jwt(req).location() == null ? null : ServletJwt.jwt(req).location().wireName());
                case "type" -> out.put("type", ServletJwt.claims(req).get("type"));
                default -> throw new IllegalArgumentException(f);
            }
        }
        return out;
    }
}
