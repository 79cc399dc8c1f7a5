package io.github.jwtextended.example;

import io.github.jwtextended.example.cli.KeysCommand;
import io.github.jwtextended.example.cli.UsersCommand;
import io.github.jwtextended.example.storage.StorageException;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar jwt-extended-example.jar [serve | users ... | help]}: starts the server (the
 * default), or manages users. A setting that cannot work stops the start with one line on standard
 * error naming it, and exit code 2; a database that cannot be opened gives exit code 1. SIGTERM
 * (and Ctrl-C) stop the server gracefully.
 *
 * <p>Thread safety: entry point; not for concurrent use.
 */
public final class Main {
    static final String NAME = "jwt-extended-example";

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.in, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        // Serving: Jetty's threads keep the JVM alive until SIGTERM runs the shutdown hook.
    }

    /** Runs the command; returns its exit code (0 when a server was started and is running). */
    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        List<String> list = Arrays.asList(args);
        String command = list.isEmpty() ? "serve" : list.get(0);
        switch (command) {
            case "help": case "--help": case "-h":
                out.println(usage());
                return 0;
            case "keys":
                return new KeysCommand(out, err).run(list.subList(1, list.size()));
            case "serve":
            case "users":
                break;
            default:
                err.println(NAME + ": unknown command " + command + " (try: serve, users, keys, help)");
                return 2;
        }
        ServerSettings settings;
        try {
            settings = ServerSettings.from(env);
        } catch (SettingsException e) {
            err.println(NAME + ": invalid setting: " + e.getMessage());
            return 2;
        }
        if (command.equals("users")) {
            return new UsersCommand(System.console(), in, out, err).run(list.subList(1, list.size()), settings);
        }
        if (list.size() > 1) {
            err.println(NAME + ": serve takes no arguments; settings come from environment variables (see help)");
            return 2;
        }
        Server server = new Server(settings);
        try {
            server.start();
        } catch (SettingsException e) {
            err.println(NAME + ": invalid setting: " + e.getMessage());
            return 2;
        } catch (StorageException e) {
            err.println(NAME + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(NAME + ": cannot start: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        return 0;
    }

    static String usage() {
        StringBuilder b = new StringBuilder();
        b.append("usage: java -jar ").append(NAME).append(".jar [serve]        start the server\n");
        b.append("       java -jar ").append(NAME).append(".jar users ...      manage users (users --help)\n");
        b.append("       java -jar ").append(NAME).append(".jar ").append(KeysCommand.usage().replace("\n", "\n  ")).append("\n\n");
        b.append("Settings (environment variables) and defaults:\n");
        for (Map.Entry<String, String> e : ServerSettings.DEFAULTS.entrySet()) {
            b.append("  ").append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        b.append("  JWT_SECRET_KEY=(generated once into DATA_DIR/jwt-secret.key)\n");
        b.append("  and every other JWT_* setting of flask-jwt-extended (see README)\n");
        return b.toString();
    }
}
