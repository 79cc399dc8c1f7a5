package io.github.jwtextended.example.login;

import io.github.jwtextended.callback.AdditionalClaimsLoader;
import io.github.jwtextended.example.storage.User;
import io.github.jwtextended.example.storage.UserStore;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code roles} claim of every token the example servers make ({@code additional_claims_loader}):
 * the user's roles at the time it is made; none for an identity that is no user name.
 *
 * <p>Thread safety: thread safe (the store is).
 */
public final class RolesClaim implements AdditionalClaimsLoader {
    private final UserStore users;

    public RolesClaim(UserStore users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public Map<String, Object> claimsFor(Object identity) {
        List<String> roles = identity instanceof String name
                ? users.find(name).map(User::roles).orElse(List.of())
                : List.of();
        return Map.of("roles", roles);
    }
}
