package io.github.jwtextended.example.http;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The browser side of the example: the single page at {@code /} ({@code web/index.html},
 * {@code /app.js}, {@code /app.css}), the OpenAPI description at {@code /openapi.json} and
 * Swagger UI at {@code /docs} (its files come from the {@code org.webjars:swagger-ui} jar on the
 * classpath, no CDN). Every file is read once at construction and served from memory with a strict
 * Content-Security-Policy (scripts and styles from this origin only, no inline script),
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer} and
 * {@code X-Frame-Options: DENY}.
 *
 * <p>The page reads the cookie and header names it needs from {@code data-*} attributes that are
 * filled from the configuration, so it keeps working with non-default {@code JWT_*} names.
 *
 * <p>Thread safety: immutable after construction.
 */
public final class WebRoutes {
    /** The paths of the page and of Swagger UI (not API endpoints: the OpenAPI document leaves them out). */
    public static final Set<String> UI_PATHS = Set.of("/", "/app.js", "/app.css", "/docs", "/docs/{file}");

    /** For the page and Swagger UI: nothing from elsewhere, no inline script or style, no framing. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";

    private final Asset index;
    private final Asset appJs;
    private final Asset appCss;
    private final Asset docsPage;
    private final Map<String, Asset> docsFiles = new LinkedHashMap<>();
    private final byte[] openApi;

    /** Reads every file now, so that a missing one stops the start instead of failing a request. */
    public WebRoutes(JwtConfig config) {
        this(config, true);
    }

    /** With {@code refreshTokenInBody}: whether the login and refresh answers' JSON carries the refresh token (for the OpenAPI description). */
    public WebRoutes(JwtConfig config, boolean refreshTokenInBody) {
        index = new Asset(fillIn(text("web/index.html"), config).getBytes(StandardCharsets.UTF_8), HTML);
        appJs = new Asset(bytes("web/app.js"), JS);
        appCss = new Asset(bytes("web/app.css"), CSS);
        docsPage = new Asset(bytes("web/docs.html"), HTML);
        String swagger = SWAGGER_UI + swaggerUiVersion() + "/";
        docsFiles.put("docs.js", new Asset(bytes("web/docs.js"), JS));
        docsFiles.put("docs.css", new Asset(bytes("web/docs.css"), CSS));
        docsFiles.put("swagger-ui.css", new Asset(bytes(swagger + "swagger-ui.css"), CSS));
        docsFiles.put("swagger-ui-bundle.js", new Asset(bytes(swagger + "swagger-ui-bundle.js"), JS));
        openApi = OpenApiDocument.forConfig(config, refreshTokenInBody).bytes();
    }

    /** Declares {@code /}, {@code /app.js}, {@code /app.css}, {@code /openapi.json}, {@code /docs} and its files. */
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/", ctx -> index.send(ctx));
        cfg.routes.get("/app.js", ctx -> appJs.send(ctx));
        cfg.routes.get("/app.css", ctx -> appCss.send(ctx));
        cfg.routes.get("/docs", ctx -> docsPage.send(ctx));
        cfg.routes.get("/docs/{file}", ctx -> {
            Asset a = docsFiles.get(ctx.pathParam("file"));
            if (a == null) {
                AuthRoutes.message(ctx, 404, "Not Found");
            } else {
                a.send(ctx);
            }
        });
        cfg.routes.get("/openapi.json", ctx -> {
            securityHeaders(ctx);
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType("application/json").result(openApi);
        });
    }

    /** The page's {@code data-*} placeholders, filled from the configuration. */
    static String fillIn(String html, JwtConfig c) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{{ACCESS_CSRF_COOKIE}}", c.access().csrf().cookieName());
        values.put("{{REFRESH_CSRF_COOKIE}}", c.refresh().csrf().cookieName());
        values.put("{{ACCESS_CSRF_HEADER}}", c.access().csrf().headerName());
        values.put("{{REFRESH_CSRF_HEADER}}", c.refresh().csrf().headerName());
        values.put("{{ERROR_KEY}}", c.errors().messageKey());
        values.put("{{COOKIES}}", String.valueOf(c.tokenLocations().contains(TokenLocation.COOKIES)));
        String out = html;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!out.contains(e.getKey())) {
                throw new IllegalStateException("web/index.html lacks the placeholder " + e.getKey());
            }
            out = out.replace(e.getKey(), attribute(e.getValue()));
        }
        return out;
    }

    static String attribute(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default: b.append(ch);
            }
        }
        return b.toString();
    }

    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    /** The version of the swagger-ui webjar on the classpath, from its Maven properties. */
    static String swaggerUiVersion() {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("version");
        if (v == null || !v.matches("[0-9A-Za-z.\\-]+")) {
            throw new IllegalStateException("the swagger-ui webjar has no usable version");
        }
        return v;
    }

    private static InputStream resource(String name) {
        InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath");
        }
        return in;
    }

    private static byte[] bytes(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** One file served from memory, with an ETag so that a revalidation costs no body. */
    private static final class Asset {
        private final byte[] body;
        private final String type;
        private final String etag;

        Asset(byte[] body, String type) {
            this.body = body;
            this.type = type;
            this.etag = etag(body);
        }

        void send(Context ctx) {
            securityHeaders(ctx);
            // Revalidate every time: a new version of the server shows its new page at once.
            ctx.header("Cache-Control", "no-cache");
            ctx.header("ETag", etag);
            String match = ctx.header("If-None-Match");
            if (match != null && (match.equals(etag) || match.equals("W/" + etag))) {
                ctx.status(304);
                return;
            }
            ctx.contentType(type).result(body);
        }

        private static String etag(byte[] body) {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
                return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
