package io.github.jwtextended.example.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Users in the {@code users} table. Every value is a bound parameter; any {@link SQLException}
 * becomes a {@link StorageException}.
 *
 * <p>Thread safety: thread safe (each call takes its own pooled connection).
 */
public final class UserStore {
    private final DataSource dataSource;
    private final Clock clock;

    public UserStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The user called {@code username}, if any. */
    public Optional<User> find(String username) {
        if (!User.isValidUsername(username)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT username, password_hash, roles FROM users WHERE username = ?")) {
            ps.setQueryTimeout(5);
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read a user", e);
        }
    }

    /** Every user, by name. */
    public List<User> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT username, password_hash, roles FROM users ORDER BY username")) {
            List<User> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot list users", e);
        }
    }

    /** How many users there are. */
    public long count() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StorageException("cannot count users", e);
        }
    }

    /** Adds a user; false when the name is taken. */
    public boolean add(String username, String passwordHash, List<String> roles) {
        checkUsername(username);
        String joined = joinRoles(roles);
        long now = clock.millis();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, password_hash, roles, created_at, updated_at)"
                     + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
            ps.setString(1, username);
            ps.setString(2, Objects.requireNonNull(passwordHash, "passwordHash"));
            ps.setString(3, joined);
            ps.setLong(4, now);
            ps.setLong(5, now);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("cannot add a user", e);
        }
    }

    /** Removes a user; false when there is none of that name. */
    public boolean remove(String username) {
        return update("DELETE FROM users WHERE username = ?", username, null, "cannot remove a user");
    }

    /** Replaces a user's password hash; false when there is none of that name. */
    public boolean setPasswordHash(String username, String passwordHash) {
        return update("UPDATE users SET password_hash = ?, updated_at = ? WHERE username = ?", username,
                Objects.requireNonNull(passwordHash, "passwordHash"), "cannot change a password");
    }

    /** Replaces a user's roles; false when there is none of that name. */
    public boolean setRoles(String username, List<String> roles) {
        return update("UPDATE users SET roles = ?, updated_at = ? WHERE username = ?", username, joinRoles(roles),
                "cannot change roles");
    }

    private boolean update(String sql, String username, String value, String what) {
        if (!User.isValidUsername(username)) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (value == null) {
                ps.setString(1, username);
            } else {
                ps.setString(1, value);
                ps.setLong(2, clock.millis());
                ps.setString(3, username);
            }
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException(what, e);
        }
    }

    private static void checkUsername(String username) {
        if (!User.isValidUsername(username)) {
            throw new IllegalArgumentException(User.USERNAME_RULE);
        }
    }

    private static String joinRoles(List<String> roles) {
        for (String r : roles) {
            if (!User.isValidRole(r)) {
                throw new IllegalArgumentException("a role is 1 to 64 characters of letters, digits and _ . : -");
            }
        }
        return String.join(",", new java.util.LinkedHashSet<>(roles));
    }

    private static User read(ResultSet rs) throws SQLException {
        String roles = rs.getString(3);
        List<String> list = roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
        return new User(rs.getString(1), rs.getString(2), list);
    }
}
