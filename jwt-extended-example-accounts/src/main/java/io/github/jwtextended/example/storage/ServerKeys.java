package io.github.jwtextended.example.storage;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Random keys the servers keep in the {@code server_keys} table, one per purpose: made once by the
 * first instance that asks (32 random bytes), read by every later start and every instance on the
 * same database. Instances starting together agree: each inserts its own candidate only if the row
 * is missing ({@code ON CONFLICT DO NOTHING}) and then reads the row that won.
 *
 * <p>Thread safety: thread safe (each call takes its own pooled connection).
 */
public final class ServerKeys {
    /** The bytes of a key it makes. */
    public static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;

    public ServerKeys(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The key called {@code name}, made now if there is none yet. */
    public byte[] getOrCreate(String name) {
        byte[] candidate = new byte[KEY_BYTES];
        RANDOM.nextBytes(candidate);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO server_keys (name, key_value, created_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setString(2, Base64.getEncoder().encodeToString(candidate));
                ps.setLong(3, clock.millis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT key_value FROM server_keys WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StorageException("the key " + name + " is missing right after it was written", null);
                    }
                    return decode(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the key " + name, e);
        }
    }

    private static byte[] decode(String name, String stored) {
        try {
            byte[] key = Base64.getDecoder().decode(stored);
            if (key.length >= KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // answered below, without the value
        }
        throw new StorageException("the stored key " + name + " is not " + KEY_BYTES + " or more base64 bytes:"
                + " delete its row in server_keys to have a new one made", null);
    }
}
