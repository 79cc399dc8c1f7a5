package io.github.jwtextended.example.storage;

import io.github.jwtextended.example.password.PasswordHasher;
import io.github.jwtextended.example.settings.CommonSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo users, and the start's check for their well-known passwords (on a real SQLite database). */
class DemoUsersTest {
    @TempDir
    Path dir;

    @Test
    void theCheckNamesTheDemoUsersThatStillHaveTheirWellKnownPasswords() {
        try (Database db = CommonSettings.from(Map.of("DATA_DIR", dir.toString())::get).openDatabase()) {
            UserStore users = new UserStore(db.dataSource(), Clock.systemUTC());
            PasswordHasher passwords = new PasswordHasher();
            assertThat(DemoUsers.warnIfWellKnownPasswordsRemain(users, passwords)).isEmpty();
            DemoUsers.createIfNoUsers(users, passwords);
            assertThat(DemoUsers.warnIfWellKnownPasswordsRemain(users, passwords)).containsExactly("testuser", "admin");
            users.setPasswordHash("admin", passwords.hash("a-password-nobody-knows"));
            assertThat(DemoUsers.warnIfWellKnownPasswordsRemain(users, passwords)).containsExactly("testuser");
            users.remove("testuser");
            assertThat(DemoUsers.warnIfWellKnownPasswordsRemain(users, passwords)).isEmpty();
        }
    }
}
