-- "Log out everywhere": per identity, every token issued at or before not_before is revoked; the
-- row is kept until keep_until (epoch milliseconds; 9223372036854775807 for forever).
-- The table jwt-extended-jdbc's JdbcRevocationStore reads and writes (see SqlDialect.createIdentityTable).
CREATE TABLE revoked_identities (
    identity   VARCHAR(255) NOT NULL PRIMARY KEY,
    not_before BIGINT       NOT NULL,
    keep_until BIGINT       NOT NULL
);

CREATE INDEX revoked_identities_keep_until ON revoked_identities (keep_until);
