package io.github.jwtextended.example.secret;

import org.slf4j.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The server's generated signing secret, kept in {@code <data folder>/jwt-secret.key}: 64 random
 * bytes written as 128 hex characters, readable and writable by the owner only. The key is used as
 * a string (its 128 UTF-8 bytes), exactly as if it were given in {@code JWT_SECRET_KEY}.
 *
 * <p>Creation is atomic: the key is written to a private temporary file, flushed, then linked into
 * place without replacing an existing file, so two servers starting together end up with one key
 * and no reader ever sees a partial file.
 *
 * <p>Thread safety: stateless; concurrent callers (even in other processes) get the same key.
 */
public final class SecretKeyFile {
    /** The file name inside the data folder. */
    public static final String FILE_NAME = "jwt-secret.key";
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{128}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretKeyFile() {
    }

    /**
     * The key and whether this call created it. Thread safety: immutable; its toString never shows the key.
     *
     * @param key     the key, as its hexadecimal text
     * @param created whether this call created the file
     * @param file    the key's file
     */
    public record Loaded(String key, boolean created, Path file) {
        @Override
        public String toString() {
            return "SecretKeyFile.Loaded[" + file + ", created=" + created + "]";
        }
    }

    /**
     * Reads the key from {@code dataDir}, creating it first when missing. Fails with
     * {@link IllegalStateException} (a one-line message without the key) when the file exists but
     * does not hold a key.
     */
    public static Loaded loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new Loaded(read(file), false, file);
        }
        Files.createDirectories(dataDir);
        byte[] raw = new byte[64];
        new SecureRandom().nextBytes(raw);
        String key = HexFormat.of().formatHex(raw);
        Path tmp = createPrivateTemp(dataDir);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                out.write((key + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                return new Loaded(read(file), false, file); // another process won the race
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(file)) {
                    return new Loaded(read(file), false, file);
                }
                Files.move(tmp, file); // no hard links here: a move that never replaces
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Loaded(key, true, file);
    }

    /**
     * {@link #loadOrCreate} for a server starting without {@code JWT_SECRET_KEY}: says on
     * {@code log} which file holds the key (never the key) and warns when others can read it.
     */
    public static String loadOrCreateForServer(Path dataDir, Logger log) throws IOException {
        Loaded loaded = loadOrCreate(dataDir);
        if (loaded.created()) {
            log.info("JWT_SECRET_KEY is not set: created a new random signing key in {} (owner-only); keep this file"
                    + " to keep sessions valid across restarts", loaded.file());
        } else {
            log.info("JWT_SECRET_KEY is not set: using the signing key in {}", loaded.file());
        }
        if (readableByOthers(loaded.file())) {
            log.warn("{} is readable by other users: chmod 600 it", loaded.file());
        }
        return loaded.key();
    }

    /** Whether group or others may read the file (always false where permissions are not POSIX). */
    public static boolean readableByOthers(Path file) throws IOException {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static String read(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.ISO_8859_1).trim();
        if (!KEY.matcher(content).matches()) {
            throw new IllegalStateException(file + " does not hold a generated key (128 hex characters);"
                    + " restore it, or delete it to create a new key (which logs every user out)");
        }
        return content;
    }

    private static Path createPrivateTemp(Path dir) throws IOException {
        try {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createTempFile(dir, ".jwt-secret-", ".tmp", attr);
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, ".jwt-secret-", ".tmp");
        }
    }
}
