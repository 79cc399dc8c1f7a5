package io.github.jwtextended.example.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's OpenAPI 3 description: the hand-written {@code openapi.json} resource (which
 * documents the default settings), adapted to the running configuration so that it stays true:
 * cookie, CSRF header and token header names, the error key, and only the token locations the
 * server accepts ({@code headers}, {@code cookies}, {@code query_string}; a {@code json}
 * location is mentioned in the description, as OpenAPI has no security scheme for it).
 *
 * <p>Thread safety: immutable after construction.
 */
public final class OpenApiDocument {
    /** The classpath resource. */
    public static final String RESOURCE = "openapi.json";
    /** The extension that marks a documented path the server does not serve yet. */
    public static final String PENDING = "x-pending";

    static final String BEARER = "bearerAuth";
    static final String ACCESS_COOKIE = "accessCookie";
    static final String REFRESH_COOKIE = "refreshCookie";
    static final String CSRF_HEADER = "csrfHeader";
    static final String REFRESH_CSRF_HEADER = "refreshCsrfHeader";
    static final String QUERY = "queryToken";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEFAULT_NAMES =
            Pattern.compile("csrf_access_token|csrf_refresh_token|access_token_cookie|refresh_token_cookie|X-CSRF-TOKEN");
    private static final String ERROR_REF = "#/components/schemas/Error";

    private final byte[] bytes;

    private OpenApiDocument(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The resource as written (default settings). */
    public static ObjectNode template() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The description of a server with this configuration (refresh tokens in the answers' JSON). */
    public static OpenApiDocument forConfig(JwtConfig config) {
        return forConfig(config, true);
    }

    /**
     * The description of a server with this configuration; {@code refreshTokenInBody}: whether the
     * {@code /login} and {@code /refresh} answers carry {@code refresh_token} in their JSON
     * ({@code LoginTokens.refreshTokenInBody}); when not, the schemas of those answers have no such field.
     */
    public static OpenApiDocument forConfig(JwtConfig config, boolean refreshTokenInBody) {
        ObjectNode doc = template();
        adapt(doc, config);
        if (!refreshTokenInBody) {
            withoutRefreshTokenInBodies(doc);
        }
        try {
            return new OpenApiDocument(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON bytes served at {@code /openapi.json}. */
    public byte[] bytes() {
        return bytes.clone();
    }

    // ---- adapting the template ------------------------------------------------------------------

    private static void withoutRefreshTokenInBodies(ObjectNode doc) {
        for (String name : List.of("TokenPair", "RefreshAnswer")) {
            ObjectNode schema = (ObjectNode) doc.path("components").path("schemas").path(name);
            ((ObjectNode) schema.path("properties")).remove("refresh_token");
            ArrayNode required = schema.putArray("required");
            required.add("access_token");
            schema.put("description", "The refresh token is in the HttpOnly refresh cookie only (REFRESH_TOKEN_IN_BODY=false).");
        }
    }

    static void adapt(ObjectNode doc, JwtConfig c) {
        boolean headers = c.tokenLocations().contains(TokenLocation.HEADERS);
        boolean cookies = c.tokenLocations().contains(TokenLocation.COOKIES);
        boolean query = c.tokenLocations().contains(TokenLocation.QUERY_STRING);
        boolean csrf = cookies && c.csrf().protect();

        // Names written in descriptions and examples follow the configuration.
        Map<String, String> names = new LinkedHashMap<>();
        names.put("access_token_cookie", c.access().cookieName());
        names.put("refresh_token_cookie", c.refresh().cookieName());
        names.put("csrf_access_token", c.access().csrf().cookieName());
        names.put("csrf_refresh_token", c.refresh().csrf().cookieName());
        names.put("X-CSRF-TOKEN", c.access().csrf().headerName());
        replaceInText(doc, names);

        ObjectNode schemes = (ObjectNode) doc.path("components").path("securitySchemes");
        ((ObjectNode) schemes.get(ACCESS_COOKIE)).put("name", c.access().cookieName());
        ((ObjectNode) schemes.get(REFRESH_COOKIE)).put("name", c.refresh().cookieName());
        ((ObjectNode) schemes.get(CSRF_HEADER)).put("name", c.access().csrf().headerName());
        boolean separateRefreshCsrf = !c.refresh().csrf().headerName().equals(c.access().csrf().headerName());
        if (separateRefreshCsrf) {
            ObjectNode s = schemes.putObject(REFRESH_CSRF_HEADER);
            s.put("type", "apiKey").put("in", "header").put("name", c.refresh().csrf().headerName())
                    .put("description", "Double submit for `/refresh`: the value of the `" + c.refresh().csrf().cookieName() + "` cookie.");
        }
        if (!"Authorization".equals(c.header().name()) || !"Bearer".equals(c.header().type())) {
            ObjectNode s = schemes.putObject(BEARER);
            String form = c.header().type().isEmpty() ? "<token>" : c.header().type() + " <token>";
            s.put("type", "apiKey").put("in", "header").put("name", c.header().name())
                    .put("description", "`" + c.header().name() + ": " + form + "`: the access token, or the refresh token for `/refresh`. No CSRF value needed.");
        }
        if (query) {
            String prefix = c.query().valuePrefix();
            schemes.putObject(QUERY).put("type", "apiKey").put("in", "query").put("name", c.query().name())
                    .put("description", "`?" + c.query().name() + "=" + prefix + "<token>`: the access token, or the refresh token for `/refresh`.");
        }
        if (!headers) {
            schemes.remove(BEARER);
        }
        if (!cookies) {
            schemes.remove(List.of(ACCESS_COOKIE, REFRESH_COOKIE));
        }
        if (!csrf) {
            schemes.remove(List.of(CSRF_HEADER, REFRESH_CSRF_HEADER));
        }

        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode security = op.getValue().get("security");
                if (!(security instanceof ArrayNode) || security.isEmpty()) {
                    continue; // a public route
                }
                boolean refresh = "/refresh".equals(path.getKey());
                ((ObjectNode) op.getValue()).set("security",
                        adaptSecurity((ArrayNode) security, schemes, refresh && separateRefreshCsrf, query));
            }
        }

        String key = c.errors().messageKey();
        if (!"msg".equals(key)) {
            renameErrorKey(doc, key);
        }

        ObjectNode info = (ObjectNode) doc.get("info");
        StringBuilder where = new StringBuilder("\n\nThis server looks for tokens in: ");
        List<String> locs = new ArrayList<>();
        c.tokenLocations().forEach(l -> locs.add("`" + l.wireName() + "`"));
        where.append(String.join(", ", locs)).append('.');
        if (c.tokenLocations().contains(TokenLocation.JSON)) {
            where.append(" In a JSON body, the token is the `").append(c.access().jsonKey()).append("` key (`")
                    .append(c.refresh().jsonKey()).append("` for `/refresh`).");
        }
        if (cookies && !c.csrf().protect()) {
            where.append(" CSRF protection is off (`JWT_COOKIE_CSRF_PROTECT=false`).");
        }
        info.put("description", info.path("description").asText() + where);
    }

    private static ArrayNode adaptSecurity(ArrayNode security, ObjectNode schemes, boolean refreshCsrf, boolean query) {
        ArrayNode out = security.arrayNode();
        for (JsonNode requirement : security) {
            ObjectNode kept = requirement.deepCopy();
            if (refreshCsrf && kept.has(CSRF_HEADER)) {
                kept.remove(CSRF_HEADER);
                kept.set(REFRESH_CSRF_HEADER, security.arrayNode());
            }
            boolean dropped = false;
            for (Iterator<String> names = requirement.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.equals(CSRF_HEADER)) {
                    if (!schemes.has(CSRF_HEADER)) {
                        kept.remove(name); // CSRF off: the cookie alone is enough
                        kept.remove(REFRESH_CSRF_HEADER);
                    }
                } else if (!schemes.has(name)) {
                    dropped = true; // a location the server does not read
                }
            }
            if (!dropped) {
                out.add(kept);
            }
        }
        if (query) {
            out.addObject().set(QUERY, security.arrayNode());
        }
        return out;
    }

    /** Error bodies use the configured key: the Error schema and the examples of error answers. */
    private static void renameErrorKey(JsonNode node, String key) {
        if (node instanceof ObjectNode) {
            ObjectNode o = (ObjectNode) node;
            if (ERROR_REF.equals(o.path("schema").path("$ref").asText(null)) && o.path("example").has("msg")) {
                ObjectNode ex = (ObjectNode) o.get("example");
                ex.set(key, ex.remove("msg"));
            }
            JsonNode error = o.path("schemas").path("Error");
            if (error instanceof ObjectNode && error.path("properties").has("msg")) {
                ObjectNode props = (ObjectNode) error.get("properties");
                props.set(key, props.remove("msg"));
                ((ObjectNode) error).set("required", ((ObjectNode) error).arrayNode().add(key));
            }
            o.elements().forEachRemaining(child -> renameErrorKey(child, key));
        } else if (node instanceof ArrayNode) {
            node.elements().forEachRemaining(child -> renameErrorKey(child, key));
        }
    }

    private static void replaceInText(JsonNode node, Map<String, String> names) {
        if (node instanceof ObjectNode) {
            ObjectNode o = (ObjectNode) node;
            List<String> fields = new ArrayList<>();
            o.fieldNames().forEachRemaining(fields::add);
            for (String f : fields) {
                JsonNode v = o.get(f);
                if (v.isTextual() && (f.equals("description") || f.equals("summary"))) {
                    // One pass, so that a configured name is never replaced again.
                    Matcher m = DEFAULT_NAMES.matcher(v.textValue());
                    StringBuilder b = new StringBuilder();
                    while (m.find()) {
                        m.appendReplacement(b, Matcher.quoteReplacement(names.get(m.group())));
                    }
                    m.appendTail(b);
                    o.set(f, TextNode.valueOf(b.toString()));
                } else {
                    replaceInText(v, names);
                }
            }
        } else if (node instanceof ArrayNode) {
            node.elements().forEachRemaining(child -> replaceInText(child, names));
        }
    }
}
