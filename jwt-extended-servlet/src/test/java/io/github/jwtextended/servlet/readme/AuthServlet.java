package io.github.jwtextended.servlet.readme;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.token.TokenOptions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

public class AuthServlet extends HttpServlet {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/me".equals(request.getPathInfo())) {                   // the filter verified the token
            Map<String, Object> claims = ServletJwt.claims(request);  // get_jwt()
            write(response, 200, Map.of("logged_in_as", ServletJwt.identity(request), "fresh", claims.get("fresh")));
        } else {
            write(response, 404, Map.of("msg", "Not found"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JwtManager jwt = ServletJwt.manager(request);
        switch (String.valueOf(request.getPathInfo())) {
            case "/login" -> {
                String user = "alice";                                   // check the password first
                String access = jwt.createAccessToken(user, TokenOptions.defaults().withFresh(true));
                String refresh = jwt.createRefreshToken(user);
                ServletJwt.setAccessCookies(request, response, access);  // needs cookies in JWT_TOKEN_LOCATION
                ServletJwt.setRefreshCookies(request, response, refresh);
                write(response, 200, Map.of("access_token", access, "refresh_token", refresh));
            }
            case "/refresh" -> {
                String access = jwt.createAccessToken(ServletJwt.identity(request));
                ServletJwt.setAccessCookies(request, response, access);
                write(response, 200, Map.of("access_token", access));
            }
            case "/logout" -> {
                jwt.revoke(ServletJwt.jwt(request));                     // the token this request came with
                ServletJwt.revokeRefreshCookie(request);                 // and the refresh token in the browser's cookie
                ServletJwt.unsetJwtCookies(request, response);
                write(response, 200, Map.of("msg", "logout successful"));
            }
            default -> write(response, 404, Map.of("msg", "Not found"));
        }
    }

    private static void write(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
