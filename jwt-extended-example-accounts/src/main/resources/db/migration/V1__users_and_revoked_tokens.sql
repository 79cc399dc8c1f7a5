-- Users and revoked tokens. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- Times are epoch milliseconds; roles are a comma-separated list of role names.
CREATE TABLE users (
    username      VARCHAR(150)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(255)  NOT NULL,
    roles         VARCHAR(1000) NOT NULL,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL
);

-- The table jwt-extended-jdbc's JdbcRevocationStore reads and writes (see SqlDialect.createTable).
CREATE TABLE revoked_tokens (
    jti        VARCHAR(255) NOT NULL PRIMARY KEY,
    expires_at BIGINT       NOT NULL
);

CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at);
