-- FooBar sample app schema. Idempotent: safe to apply more than once.
-- Applied into the app's database, which is already selected (no USE here).

-- Single-row visit counter (id is always 1); incremented atomically by the app
-- with INSERT ... ON DUPLICATE KEY UPDATE count = LAST_INSERT_ID(count + 1).
CREATE TABLE IF NOT EXISTS visits (
  id    TINYINT PRIMARY KEY,
  count BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT IGNORE INTO visits (id, count) VALUES (1, 0);
