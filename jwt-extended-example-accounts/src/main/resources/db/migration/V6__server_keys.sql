-- Random keys the servers make for themselves, one row per purpose (today: the key that signs the
-- login device cookies). The first instance to start writes it; every instance on this database
-- reads the same row, so the key survives restarts and is shared. Deleting a row replaces its key
-- at the next start (every device cookie signed with the old one is then untrusted). The value is
-- base64; times are epoch milliseconds. See ServerKeys.
CREATE TABLE server_keys (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    key_value  VARCHAR(200) NOT NULL,
    created_at BIGINT       NOT NULL
);
