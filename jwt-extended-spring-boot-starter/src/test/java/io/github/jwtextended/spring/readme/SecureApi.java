package io.github.jwtextended.spring.readme;

import io.github.jwtextended.spring.security.JwtAuthentication;
import io.github.jwtextended.spring.security.JwtTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SecureApi {
    private final AuthenticationManager passwords;
    private final JwtTokens tokens;

    public SecureApi(AuthenticationManager passwords, JwtTokens tokens) {
        this.passwords = passwords;
        this.tokens = tokens;
    }

    record Credentials(String username, String password) {
    }

    @PostMapping("/login")  // a wrong password answers 401 {"msg": "Bad username or password"}
    Map<String, String> login(@RequestBody Credentials c, HttpServletRequest request, HttpServletResponse response) {
        var user = passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(c.username(), c.password()));
        return tokens.login(user, request, response);
    }

    @GetMapping("/protected")
    Map<String, String> whoAmI(@AuthenticationPrincipal String user) {
        return Map.of("logged_in_as", user);
    }

    @GetMapping("/admin")
    @PreAuthorize("hasRole('admin')")  // the token's roles claim; others get 403 {"msg": "Forbidden"}
    Map<String, String> admin(@AuthenticationPrincipal String user) {
        return Map.of("admin", user);
    }

    @PostMapping("/refresh")
    Map<String, String> refresh(JwtAuthentication refreshToken, HttpServletRequest request, HttpServletResponse response) {
        return tokens.refresh(refreshToken, request, response);
    }

    @PostMapping("/logout")
    Map<String, String> logout(JwtAuthentication token, HttpServletRequest request, HttpServletResponse response) {
        tokens.logout(token, request, response);  // revoked: the next request with it is 401
        return Map.of("msg", "logout successful");
    }
}
