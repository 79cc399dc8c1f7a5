package io.github.jwtextended.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlDialectTest {
    @Test
    void tableNamesArePlainIdentifiers() {
        assertThat(SqlDialect.checkTableName("revoked_tokens")).isEqualTo("revoked_tokens");
        assertThat(SqlDialect.checkTableName("auth.revoked_tokens")).isEqualTo("auth.revoked_tokens");
        for (String bad : new String[] {"", "1table", "a.b.c", "t; DROP TABLE x", "t\"", "t--", "a.", ".a", "t t",
                "x".repeat(64)}) {
            assertThatThrownBy(() -> SqlDialect.checkTableName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> JdbcRevocationStore.builder(new org.sqlite.SQLiteDataSource()).table("x;y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void productNames() {
        assertThat(SqlDialect.fromProductName("SQLite")).isEqualTo(SqlDialect.SQLITE);
        assertThat(SqlDialect.fromProductName("PostgreSQL")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThatThrownBy(() -> SqlDialect.fromProductName("MySQL")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("supported: SQLite, PostgreSQL");
    }

    @Test
    void valuesAreParametersNeverText() {
        for (SqlDialect d : SqlDialect.values()) {
            assertThat(d.upsert("t")).contains("VALUES (?, ?, " + d.nowMillis() + ")");
            assertThat(d.selectRevoked("t")).endsWith("jti = ? AND expires_at > ?");
            assertThat(d.purge("t")).endsWith("expires_at <= ?");
        }
    }
}
