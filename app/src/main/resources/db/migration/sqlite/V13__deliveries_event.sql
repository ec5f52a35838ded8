-- The platform-neutral event each delivery means, read once by its platform's intake (issue 25): the
-- worker switches on it instead of reading the payload again. NULL for deliveries stored before.
-- It goes before the payload, which stays the last column (see V3: a column after the body could
-- only be read by walking the body's overflow pages), so the table is rebuilt as V3 did.
CREATE TABLE deliveries_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_key       TEXT    NOT NULL UNIQUE,
    platform           TEXT    NOT NULL,
    event              TEXT    NOT NULL,
    action             TEXT,
    subject            TEXT    NOT NULL,
    head_sha           TEXT,
    kind               TEXT    NOT NULL,
    received_at        INTEGER NOT NULL,
    state              TEXT    NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    due_at             INTEGER NOT NULL,
    lease_token        TEXT,
    last_error         TEXT,
    updated_at         INTEGER NOT NULL,
    completed_at       INTEGER,
    pull_request_event TEXT,
    payload            BLOB    NOT NULL
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
