package io.github.jwtextended.spring.laterroute;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An endpoint added to the sample without a security rule of its own, as a later change would add
 * one: {@code GET /later} answers the request's {@link Authentication}. Outside the sample's
 * package, so that only the test that registers it has it.
 */
@RestController
public class LaterRoutes {
    @GetMapping("/later")
    public Map<String, Object> later() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", auth.getName());
        out.put("authorities", auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
        return out;
    }
}
