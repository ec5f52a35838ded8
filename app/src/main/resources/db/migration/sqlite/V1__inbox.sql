-- The durable inbox. Times are epoch milliseconds in both dialects, so the SQL compares the same way.
-- due_at is when the row next needs attention: for pending rows, when it may run;
-- for running rows, when the lease expires (after which another worker may take it).
CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_key TEXT    NOT NULL UNIQUE,
    platform     TEXT    NOT NULL,
    event        TEXT    NOT NULL,
    action       TEXT,
    subject      TEXT    NOT NULL,
    head_sha     TEXT,
    kind         TEXT    NOT NULL,
    payload      BLOB    NOT NULL,
    received_at  INTEGER NOT NULL,
    state        TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    due_at       INTEGER NOT NULL,
    lease_token  TEXT,
    last_error   TEXT,
    updated_at   INTEGER NOT NULL,
    completed_at INTEGER
);

CREATE INDEX deliveries_due ON deliveries (due_at, id) WHERE state IN ('pending', 'running');
CREATE INDEX deliveries_subject ON deliveries (subject, id) WHERE state IN ('pending', 'running');
CREATE INDEX deliveries_dead ON deliveries (updated_at) WHERE state = 'dead';
CREATE INDEX deliveries_completed ON deliveries (completed_at) WHERE state IN ('done', 'superseded');
