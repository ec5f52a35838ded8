-- The latest review per pull request: what was posted, so an unchanged review writes nothing.
CREATE TABLE reviews (
    platform     TEXT    NOT NULL,
    repo         TEXT    NOT NULL,
    number       INTEGER NOT NULL,
    head_sha     TEXT    NOT NULL,
    verdict      TEXT    NOT NULL,
    markdown     TEXT    NOT NULL,
    report_json  TEXT    NOT NULL,
    comment_id   TEXT,
    comment_hash TEXT,
    labels       TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (platform, repo, number)
);

-- Per pull request (number 0: the default branch): its state and the maintainers' decisions.
-- Kept apart from the entries so that re-reviewing a new head never erases a decision.
CREATE TABLE result_pulls (
    platform   TEXT    NOT NULL,
    repo       TEXT    NOT NULL,
    number     INTEGER NOT NULL,
    head_sha   TEXT,
    pr_state   TEXT    NOT NULL,
    approved   INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0,
    hidden     INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (platform, repo, number)
);

-- Reviewed results entries, replaced as a whole for a pull request at each review.
CREATE TABLE results (
    platform    TEXT    NOT NULL,
    repo        TEXT    NOT NULL,
    number      INTEGER NOT NULL,
    file        TEXT    NOT NULL,
    entry_index INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    dataset_id  TEXT    NOT NULL,
    task_id     TEXT,
    metric_value REAL    NOT NULL,
    entry_date  TEXT,
    notes       TEXT,
    source_url  TEXT,
    source_name TEXT,
    tier        TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (platform, repo, number, file, entry_index),
    FOREIGN KEY (platform, repo, number) REFERENCES result_pulls (platform, repo, number)
);

CREATE INDEX results_dataset ON results (dataset_id);

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    actor    TEXT    NOT NULL,
    command  TEXT    NOT NULL,
    args     TEXT    NOT NULL,
    acted_at INTEGER NOT NULL,
    platform TEXT    NOT NULL,
    repo     TEXT    NOT NULL,
    number   INTEGER NOT NULL,
    outcome  TEXT    NOT NULL,
    reason   TEXT
);

CREATE INDEX audit_repo ON audit (platform, repo, acted_at, id);

-- Debounced leaderboard refreshes: one row per benchmark however many changes asked for it.
-- version counts schedules; claimed_version is the version a running refresh has seen, so a
-- schedule arriving during the refresh is kept for after it.
CREATE TABLE refreshes (
    benchmark_id    TEXT    NOT NULL PRIMARY KEY,
    due_at          INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    claimed_version INTEGER,
    lease_token     TEXT,
    lease_until     INTEGER
);
