-- The reconciler's periodic sweep, leased so that several replicas sharing one store sweep once
-- per interval between them rather than once each; and where the last check of a GitHub App's failed
-- webhook deliveries reached (name 'github-redeliveries').
CREATE TABLE reconcile_sweeps (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until_at BIGINT NOT NULL
);
