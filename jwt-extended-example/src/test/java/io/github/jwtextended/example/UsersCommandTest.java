package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.cli.UsersCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code users} subcommand on a real SQLite data folder, then a real server using it. */
class UsersCommandTest {
    final Path dir = TestServers.tempDir("jwt-example-users");
    String out;
    String err;

    @AfterEach
    void clean() {
        TestServers.delete(dir);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.toString());
        return env;
    }

    int users(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        UsersCommand cmd = new UsersCommand(null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        int code = cmd.run(Arrays.asList(args), ServerSettings.from(env()));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void addListSetRolesSetPasswordRemove() {
        assertThat(users("", "list")).isZero();
        assertThat(out).isEmpty();
        assertThat(users("s3cret-pass\n", "add", "alice")).isZero();
        assertThat(out).isEqualTo("added alice (roles: user)\n");
        assertThat(users("another-pass\n", "add", "bob", "--roles", "admin,user")).isZero();
        assertThat(users("whatever-pass\n", "add", "alice")).isEqualTo(1);
        assertThat(err).contains("alice already exists");
        assertThat(users("", "list")).isZero();
        assertThat(out).isEqualTo("alice\tuser\nbob\tadmin,user\n").doesNotContain("argon2");

        assertThat(users("", "set-roles", "alice", "auditor,admin")).isZero();
        assertThat(users("", "set-roles", "nobody", "admin")).isEqualTo(1);
        assertThat(err).contains("no user named nobody");
        assertThat(users("", "set-roles", "alice", "bad role")).isEqualTo(1);
        assertThat(users("new-password-1\n", "set-password", "alice")).isZero();
        assertThat(users("short\n", "set-password", "bob")).isEqualTo(1);
        assertThat(err).contains("a password has 8 to 1024 characters");
        assertThat(users("", "set-password", "bob")).isEqualTo(1);
        assertThat(err).contains("no password on standard input");

        // The server sees exactly that: alice's new password and roles, bob unchanged.
        Map<String, String> env = TestServers.baseEnv(dir);
        env.put("DEMO_USERS", "true"); // ignored: there are users already
        Server server = TestServers.start(env);
        try {
            Client c = new Client(server.port(), false);
            assertThat(c.login("alice", "s3cret-pass").statusCode()).isEqualTo(401);
            var ok = c.login("alice", "new-password-1");
            assertThat(ok.statusCode()).isEqualTo(200);
            String access = Client.json(ok).get("access_token").asText();
            assertThat(c.get("/admin", "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);
            assertThat(c.login("bob", "another-pass").statusCode()).isEqualTo(200);
            assertThat(c.login("testuser", "testpass").statusCode()).as("no demo users once users exist").isEqualTo(401);

            assertThat(users("", "remove", "alice")).isZero();
            assertThat(c.login("alice", "new-password-1").statusCode()).isEqualTo(401);
            String refresh = Client.json(c.login("bob", "another-pass")).get("refresh_token").asText();
            assertThat(users("", "remove", "bob")).isZero();
            var refused = c.post("/refresh", null, "Authorization", "Bearer " + refresh);
            assertThat(refused.statusCode()).as("a removed user gets no new tokens").isEqualTo(401);
            assertThat(Client.msg(refused)).as("removal revokes").isEqualTo("Token has been revoked");
        } finally {
            server.stop();
        }
        assertThat(users("", "remove", "alice")).isEqualTo(1);
    }

    @Test
    void setPasswordLogsTheUserOutEverywhere() throws Exception {
        assertThat(users("first-password\n", "add", "dana")).isZero();
        Server server = TestServers.start(TestServers.baseEnv(dir));
        try {
            Client c = new Client(server.port(), false);
            var login = Client.json(c.login("dana", "first-password"));
            String access = login.get("access_token").asText();
            String refresh = login.get("refresh_token").asText();
            assertThat(c.get("/protected", "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);

            assertThat(users("second-password\n", "set-password", "dana")).isZero();
            assertThat(out).contains("every token issued to dana until now is revoked");
            assertThat(Client.msg(c.get("/protected", "Authorization", "Bearer " + access))).isEqualTo("Token has been revoked");
            assertThat(Client.msg(c.post("/refresh", null, "Authorization", "Bearer " + refresh))).isEqualTo("Token has been revoked");
            // No wait: the command returns once the second of the revocation is over (iat has whole seconds).
            String fresh = Client.json(c.login("dana", "second-password")).get("access_token").asText();
            assertThat(c.get("/protected", "Authorization", "Bearer " + fresh).statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void removeRevokesEveryTokenOfTheNameAndANewUserOfThatNameInheritsNone() throws Exception {
        assertThat(users("erin-password\n", "add", "erin", "--roles", "admin,user")).isZero();
        Server server = TestServers.start(TestServers.baseEnv(dir));
        try {
            Client c = new Client(server.port(), false);
            var login = Client.json(c.login("erin", "erin-password"));
            String access = login.get("access_token").asText();
            String refresh = login.get("refresh_token").asText();
            assertThat(c.get("/admin", "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);

            assertThat(users("", "remove", "erin")).isZero();
            assertThat(out).isEqualTo("removed erin; every token issued to erin until now is revoked\n");
            assertThat(Client.msg(c.get("/admin", "Authorization", "Bearer " + access))).isEqualTo("Token has been revoked");
            assertThat(Client.msg(c.get("/protected", "Authorization", "Bearer " + access))).isEqualTo("Token has been revoked");
            assertThat(Client.msg(c.post("/refresh", null, "Authorization", "Bearer " + refresh))).isEqualTo("Token has been revoked");

            // Someone else is given the name: the old tokens stay refused, the new user works normally.
            assertThat(users("other-password\n", "add", "erin")).isZero();
            assertThat(Client.msg(c.post("/refresh", null, "Authorization", "Bearer " + refresh))).isEqualTo("Token has been revoked");
            assertThat(Client.msg(c.get("/protected", "Authorization", "Bearer " + access))).isEqualTo("Token has been revoked");
            assertThat(c.login("erin", "erin-password").statusCode()).isEqualTo(401);
            var fresh = Client.json(c.login("erin", "other-password"));
            assertThat(c.get("/protected", "Authorization", "Bearer " + fresh.get("access_token").asText()).statusCode()).isEqualTo(200);
            assertThat(Client.msg(c.get("/admin", "Authorization", "Bearer " + fresh.get("access_token").asText())))
                    .isEqualTo("Admins only!");
            var refreshed = c.post("/refresh", null, "Authorization", "Bearer " + fresh.get("refresh_token").asText());
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void sessionsListsAndEndSessionsEndsTheLoginsOfOneUser() {
        assertThat(users("gina-password\n", "add", "gina")).isZero();
        assertThat(users("hank-password\n", "add", "hank")).isZero();
        Server server = TestServers.start(TestServers.baseEnv(dir));
        try {
            Client c = new Client(server.port(), false);
            var curl = c.send(c.request("/login", "User-Agent", "curl/8.5.0", "Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\": \"gina\", \"password\": \"gina-password\"}")));
            String access = Client.json(curl).get("access_token").asText();
            String refresh = Client.json(curl).get("refresh_token").asText();
            String second = Client.json(c.login("gina", "gina-password")).get("access_token").asText();
            String other = Client.json(c.login("hank", "hank-password")).get("access_token").asText();

            assertThat(users("", "sessions", "gina")).isZero();
            String[] lines = out.split("\n");
            assertThat(lines).hasSize(2);
            String fam = FlowContract.claims(access).get("fam").asText();
            assertThat(out).contains(fam + "\t").contains("\tcurl, 127.0.0.0/24\n").contains("\tOther browser on other OS, 127.0.0.0/24\n");
            for (String line : lines) {
                String[] f = line.split("\t");
                assertThat(f).hasSize(4);
                assertThat(java.time.Instant.parse(f[1])).isBeforeOrEqualTo(java.time.Instant.parse(f[2]));
            }
            assertThat(out).doesNotContain(access).doesNotContain(refresh);

            assertThat(users("", "end-sessions", "gina")).isZero();
            assertThat(out).isEqualTo("ended 2 sessions of gina\n");
            assertThat(Client.msg(c.get("/protected", "Authorization", "Bearer " + access))).isEqualTo("Token has been revoked");
            assertThat(Client.msg(c.get("/protected", "Authorization", "Bearer " + second))).isEqualTo("Token has been revoked");
            assertThat(Client.msg(c.post("/refresh", null, "Authorization", "Bearer " + refresh))).isEqualTo("Token has been revoked");
            assertThat(c.get("/protected", "Authorization", "Bearer " + other).statusCode()).as("hank is left alone").isEqualTo(200);
            assertThat(users("", "sessions", "gina")).isZero();
            assertThat(out).isEmpty();
            assertThat(err).contains("gina has no sessions");
            assertThat(users("", "sessions", "hank")).isZero();
            assertThat(out.split("\n")).hasSize(1);
            var again = c.login("gina", "gina-password");
            assertThat(c.get("/protected", "Authorization", "Bearer " + Client.json(again).get("access_token").asText()).statusCode())
                    .as("a new login works").isEqualTo(200);
        } finally {
            server.stop();
        }
        assertThat(users("", "sessions", "nobody")).isEqualTo(1);
        assertThat(err).contains("no user named nobody");
        assertThat(users("", "end-sessions")).isEqualTo(2);
    }

    @Test
    void removeWithoutTheRevocationStoreRemovesNothing() {
        assertThat(users("fred-password\n", "add", "fred")).isZero();
        Map<String, String> env = env();
        env.put("REDIS_URL", "redis://127.0.0.1:1/0"); // nothing listens there
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new UsersCommand(null, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(e, true, StandardCharsets.UTF_8)).run(Arrays.asList("remove", "fred"), ServerSettings.from(env));
        assertThat(code).isEqualTo(1);
        assertThat(e.toString(StandardCharsets.UTF_8)).contains("the tokens issued to fred could not be revoked",
                "fred is not removed: run users remove again when the store is back");
        assertThat(users("", "list")).isZero();
        assertThat(out).isEqualTo("fred\tuser\n");
        assertThat(users("", "remove", "fred")).isZero();
    }

    @Test
    void usageErrors() {
        assertThat(users("", new String[0])).isEqualTo(2);
        assertThat(err).contains("usage: users list");
        assertThat(users("", "add")).isEqualTo(2);
        assertThat(users("", "add", "x", "--roles")).isEqualTo(2);
        assertThat(users("", "rename", "x", "y")).isEqualTo(2);
        assertThat(users("password1\n", "add", " spaced ")).isEqualTo(1);
        assertThat(err).contains("a user name is 1 to 150 characters");
        assertThat(users("password1\n", "add", "bad\uD800name")).isEqualTo(1);
        assertThat(err).contains("unpaired surrogates");
        assertThat(users("", "list")).isZero();
        assertThat(out).as("nothing was added").isEmpty();
        assertThat(users("", "--help")).isZero();
        assertThat(out).contains("users set-roles NAME ROLE,ROLE");
    }

    @Test
    void mainRoutesTheSubcommand() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"users", "add", "carol"}, env(),
                new ByteArrayInputStream("carol-password\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(o.toString(StandardCharsets.UTF_8)).contains("added carol");
    }
}
