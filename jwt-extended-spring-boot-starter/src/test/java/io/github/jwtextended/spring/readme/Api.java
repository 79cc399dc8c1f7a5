package io.github.jwtextended.spring.readme;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.spring.JwtIdentity;
import io.github.jwtextended.spring.JwtRequired;
import io.github.jwtextended.token.Jwt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Api {
    private final JwtManager jwt;

    public Api(JwtManager jwt) {
        this.jwt = jwt;
    }

    @PostMapping("/login")
    Map<String, String> login(HttpServletRequest request, HttpServletResponse response) {
        String access = jwt.createAccessToken("alice");       // check the password first
        String refresh = jwt.createRefreshToken("alice");
        ServletJwt.setAccessCookies(request, response, access);
        ServletJwt.setRefreshCookies(request, response, refresh);
        return Map.of("access_token", access, "refresh_token", refresh);
    }

    @GetMapping("/protected")
    @JwtRequired
    Map<String, String> whoAmI(@JwtIdentity String user) {
        return Map.of("logged_in_as", user);
    }

    @PostMapping("/refresh")
    @JwtRequired(refresh = true)
    Map<String, String> refresh(@JwtIdentity String user, HttpServletRequest request, HttpServletResponse response) {
        String access = jwt.createAccessToken(user);
        ServletJwt.setAccessCookies(request, response, access);
        return Map.of("access_token", access);
    }

    @PostMapping("/logout")
    @JwtRequired(verifyType = false)
    Map<String, String> logout(Jwt token, HttpServletRequest request, HttpServletResponse response) {
        jwt.revoke(token);                             // the token this request came with
        ServletJwt.revokeRefreshCookie(request);       // and the refresh token in the browser's cookie
        ServletJwt.unsetJwtCookies(request, response);
        return Map.of("msg", "logout successful");
    }
}
