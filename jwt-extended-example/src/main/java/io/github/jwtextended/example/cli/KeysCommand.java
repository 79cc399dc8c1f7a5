package io.github.jwtextended.example.cli;

import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.KeyGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code keys generate <ALG> [--kid <id>] [--out <dir>] [--rsa-bits <n>]}: writes a new key for any
 * supported algorithm as JWK and PEM files (private files readable by their owner only), and
 * prints the settings that use it. Key material is never printed.
 *
 * <p>Thread safety: one command per instance, not for concurrent use.
 */
public final class KeysCommand {
    private final PrintStream out;
    private final PrintStream err;

    public KeysCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static String usage() {
        return "keys generate <ALG> [--kid <id>] [--out <dir>] [--rsa-bits <n>]\n"
                + "    ALG: " + String.join(", ", JwsAlgorithm.supportedNames()) + "\n"
                + "    writes <kid>.private.jwk.json, <kid>.public.jwk.json, <kid>.private.pem, <kid>.public.pem\n"
                + "    (HS*: <kid>.secret) into <dir> (default ./keys)";
    }

    /** Runs {@code args} (after the word {@code keys}); returns the exit code. */
    public int run(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("generate") || args.size() < 2) {
            err.println("usage: " + usage());
            return 2;
        }
        JwsAlgorithm alg = JwsAlgorithm.fromName(args.get(1));
        if (alg == null) {
            err.println("unknown algorithm; supported: " + String.join(", ", JwsAlgorithm.supportedNames()));
            return 2;
        }
        String kid = null;
        Path dir = Path.of("keys");
        int rsaBits = KeyGenerator.DEFAULT_RSA_BITS;
        for (int i = 2; i < args.size(); i++) {
            String opt = args.get(i);
            if (i + 1 >= args.size()) {
                err.println("missing value for " + opt);
                return 2;
            }
            String value = args.get(++i);
            switch (opt) {
                case "--kid":
                    if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
                        err.println("--kid must be 1 to 64 letters, digits, '.', '_' or '-'");
                        return 2;
                    }
                    kid = value;
                    break;
                case "--out":
                    dir = Path.of(value);
                    break;
                case "--rsa-bits":
                    try {
                        rsaBits = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        err.println("--rsa-bits must be a number");
                        return 2;
                    }
                    break;
                default:
                    err.println("unknown option " + opt + "; usage: " + usage());
                    return 2;
            }
        }
        KeyGenerator.Generated key;
        try {
            key = KeyGenerator.generate(alg, kid, rsaBits);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        String id = key.keyId();
        try {
            Files.createDirectories(dir);
            if (alg.isSymmetric()) {
                Path secret = write(dir.resolve(id + ".secret"), key.secretBase64Url() + "\n", true);
                out.println("wrote " + secret);
                out.println("use it with: JWT_ALGORITHM=" + alg + " JWT_SECRET_KEY=\"$(cat " + secret + ")\"");
                return 0;
            }
            Path privJwk = write(dir.resolve(id + ".private.jwk.json"), key.privateJwk() + "\n", true);
            Path pubJwk = write(dir.resolve(id + ".public.jwk.json"), key.publicJwk() + "\n", false);
            Path privPem = write(dir.resolve(id + ".private.pem"), key.privatePem(), true);
            Path pubPem = write(dir.resolve(id + ".public.pem"), key.publicPem(), false);
            out.println("wrote " + privJwk + ", " + pubJwk + ", " + privPem + ", " + pubPem + " (kid " + id + ")");
            out.println("sign and verify with: JWT_ALGORITHM=" + alg + " JWT_PRIVATE_KEY_FILE=" + privPem
                    + " JWT_PUBLIC_KEY_FILE=" + pubPem);
            out.println("verify only with:     JWT_ALGORITHM=" + alg + " JWT_PUBLIC_KEY_FILE=" + pubPem);
            return 0;
        } catch (FileAlreadyExistsException e) {
            err.println("refusing to overwrite " + e.getFile() + "; choose another --kid or --out");
            return 1;
        } catch (IOException e) {
            err.println("cannot write the key files into " + dir + ": " + e.getClass().getSimpleName());
            return 1;
        }
    }

    /** Creates {@code file} (never overwrites); owner-only when {@code secret}. */
    private static Path write(Path file, String text, boolean secret) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (secret) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
        }
        return file;
    }
}
