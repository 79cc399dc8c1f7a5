package io.github.jwtextended.servlet.readme;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.FlaskConfig;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.servlet.JwtFilter;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

@WebListener
public class JwtSetup implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        JwtManager jwt = JwtManager.builder(FlaskConfig.fromEnvironment().build())   // JWT_SECRET_KEY, JWT_TOKEN_LOCATION, ...
                .revocationStore(new InMemoryRevocationStore())   // a shared store (Redis, a database) in production
                .build();
        register(event.getServletContext(), jwt);
    }

    public static void register(ServletContext context, JwtManager jwt) {
        JwtFilter filter = JwtFilter.builder(jwt)
                .guard("/api/*", Guard.required())                       // /api and everything under it
                .guard("/api/refresh", Guard.required().refresh(true))    // the most specific pattern decides
                .guard("/api/logout", Guard.required().verifyType(false))
                .guard("/api/account/*", Guard.required().fresh(true))
                .permit("/api/login")                                    // open inside a guarded prefix
                .build();
        context.addFilter("jwt", filter).addMappingForUrlPatterns(null, false, "/*");
        context.addServlet("auth", new AuthServlet()).addMapping("/api/*");
    }
}
