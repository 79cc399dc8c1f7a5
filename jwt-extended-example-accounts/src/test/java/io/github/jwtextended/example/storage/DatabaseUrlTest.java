package io.github.jwtextended.example.storage;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DATABASE_URL as both example servers read it; a refusal never repeats the value. */
class DatabaseUrlTest {
    private final Path data = Path.of("/srv/data");

    @Test
    void emptyIsSqliteInTheDataFolder() {
        DatabaseUrl u = DatabaseUrl.parse(" ", data);
        assertThat(u.isPostgres()).isFalse();
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/data/jwt-extended.db");
        assertThat(u).hasToString("SQLite /srv/data/jwt-extended.db");
        assertThat(DatabaseUrl.parse(null, data).jdbcUrl()).isEqualTo(u.jdbcUrl());
    }

    @Test
    void postgresUrlsCarryTheirCredentialsApartFromTheDescription() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://app:s%40cret+x@db.internal:5433/jwt?sslmode=require", data);
        assertThat(u.isPostgres()).isTrue();
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/jwt?sslmode=require");
        assertThat(u.user()).isEqualTo("app");
        assertThat(u.password()).isEqualTo("s@cret+x");
        assertThat(u.toString()).isEqualTo("PostgreSQL db.internal:5433/jwt").doesNotContain("cret");

        DatabaseUrl j = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2", data);
        assertThat(j.isPostgres()).isTrue();
        assertThat(j.user()).isNull();
        assertThat(j.toString()).isEqualTo("PostgreSQL 127.0.0.1:5432/test").doesNotContain("hunter2");
        assertThat(DatabaseUrl.parse("postgres://[::1]/x", data).jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]/x");
    }

    @Test
    void anythingElseIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@db/x", data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("DATABASE_URL must be a PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///nohost", data))
                .hasMessageStartingWith("DATABASE_URL must name a host");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://a b@host/x", data))
                .hasMessage("DATABASE_URL is not a valid URL");
    }
}
