package io.github.jwtextended.spring.readme;

import io.github.jwtextended.spring.security.JwtSecurityConfigurer;
import io.github.jwtextended.verify.Guard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
@EnableMethodSecurity
public class SecurityConfig {
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) {
        return http
                .authorizeHttpRequests(a -> a.requestMatchers("/login").permitAll().anyRequest().authenticated())
                .csrf(c -> c.disable())  // no session to protect; cookie tokens get the X-CSRF-TOKEN double submit
                .with(JwtSecurityConfigurer.jwt(), jwt -> jwt
                        .guard("/refresh", Guard.required().refresh(true))       // read the refresh token
                        .guard("/logout", Guard.required().verifyType(false)))   // either token
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(PasswordEncoder encoder) {  // your user table in a real application
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password(encoder.encode("alice-password")).roles("admin").build(),
                User.withUsername("bob").password(encoder.encode("bob-password")).roles("user").build());
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }
}
