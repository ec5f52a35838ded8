-- The benchmark dataset's revision a result was scored on (dataset.revision), linked on the leaderboard.
ALTER TABLE results ADD COLUMN dataset_revision TEXT;
