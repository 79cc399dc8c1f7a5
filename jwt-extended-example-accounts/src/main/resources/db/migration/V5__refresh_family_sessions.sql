-- Sessions: a refresh-token family is a login a user can see and end. A recorded login writes its
-- family's row with whose it is (identity, stored like revoked_identities.identity), when it began
-- (created_at, epoch milliseconds) and a short client description given by the server at login
-- (client: browser and OS family and a network prefix of the address, at most 200 characters;
-- never a token or a raw header). The last refresh is rotated_at. Revoking the family clears client;
-- the row goes with the family at keep_until. Rows from before this migration have no session
-- record (NULLs) and are not listed.
-- The columns jwt-extended-jdbc's JdbcRevocationStore reads and writes (see SqlDialect.createFamilyTable).
ALTER TABLE refresh_families ADD COLUMN identity VARCHAR(255);
ALTER TABLE refresh_families ADD COLUMN created_at BIGINT;
ALTER TABLE refresh_families ADD COLUMN client VARCHAR(255);

CREATE INDEX refresh_families_identity ON refresh_families (identity);
