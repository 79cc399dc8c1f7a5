-- Refresh-token rotation: one row per rotated (or revoked) refresh-token family, the tokens of one
-- login (the fam claim). current_jti is the one refresh token that may be used next; presenting
-- another (a rotated one) sets revoked = 1, which revokes every token of the family. previous_jti,
-- rotated_at and grace_used implement REFRESH_REUSE_GRACE_SECONDS. Times in epoch milliseconds;
-- keep_until 9223372036854775807 for forever.
-- The table jwt-extended-jdbc's JdbcRevocationStore reads and writes (see SqlDialect.createFamilyTable).
CREATE TABLE refresh_families (
    family       VARCHAR(255) NOT NULL PRIMARY KEY,
    current_jti  VARCHAR(255) NOT NULL,
    previous_jti VARCHAR(255),
    rotated_at   BIGINT       NOT NULL,
    grace_used   SMALLINT     NOT NULL,
    revoked      SMALLINT     NOT NULL,
    keep_until   BIGINT       NOT NULL
);

CREATE INDEX refresh_families_keep_until ON refresh_families (keep_until);
