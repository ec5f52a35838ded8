-- The payload moves to the last column. SQLite stores a row as one record, and a value that does not
-- fit in the page (a webhook body is 10-30 KiB) continues on a chain of overflow pages: every column
-- after it could only be read by walking that chain. state, attempts, due_at and lease_token came
-- after the payload, so each row the claim, supersede and lease queries looked at cost a walk over
-- the whole body. Columns before the payload stay on the row's first page.
CREATE TABLE deliveries_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_key TEXT    NOT NULL UNIQUE,
    platform     TEXT    NOT NULL,
    event        TEXT    NOT NULL,
    action       TEXT,
    subject      TEXT    NOT NULL,
    head_sha     TEXT,
    kind         TEXT    NOT NULL,
    received_at  INTEGER NOT NULL,
    state        TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    due_at       INTEGER NOT NULL,
    lease_token  TEXT,
    last_error   TEXT,
    updated_at   INTEGER NOT NULL,
    completed_at INTEGER,
    payload      BLOB    NOT NULL
);

INSERT INTO deliveries_new (id, delivery_key, platform, event, action, subject, head_sha, kind, received_at, state,
        attempts, due_at, lease_token, last_error, updated_at, completed_at, payload)
    SELECT id, delivery_key, platform, event, action, subject, head_sha, kind, received_at, state,
        attempts, due_at, lease_token, last_error, updated_at, completed_at, payload
    FROM deliveries;

-- Ids are never reused, also those of rows already pruned.
DELETE FROM sqlite_sequence WHERE name = 'deliveries_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'deliveries_new', seq FROM sqlite_sequence WHERE name = 'deliveries';

DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;

CREATE INDEX deliveries_due ON deliveries (due_at, id) WHERE state IN ('pending', 'running');
CREATE INDEX deliveries_subject ON deliveries (subject, id) WHERE state IN ('pending', 'running');
CREATE INDEX deliveries_dead ON deliveries (updated_at) WHERE state = 'dead';
CREATE INDEX deliveries_completed ON deliveries (completed_at) WHERE state IN ('done', 'superseded');
