-- When each revocation row was last written, on the database's clock (epoch milliseconds), set by
-- jwt-extended-jdbc's SQL: the near cache (REVOCATION_NEAR_CACHE) of every instance polls the rows
-- written since its previous poll. Rows from before this migration count as written at 0 (they are
-- loaded when an instance starts). See SqlDialect.createTable and JdbcRevocationStore.
ALTER TABLE revoked_tokens ADD COLUMN written_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE revoked_identities ADD COLUMN written_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE refresh_families ADD COLUMN written_at BIGINT NOT NULL DEFAULT 0;

CREATE INDEX revoked_tokens_written_at ON revoked_tokens (written_at);
CREATE INDEX revoked_identities_written_at ON revoked_identities (written_at);
CREATE INDEX refresh_families_written_at ON refresh_families (written_at);
