-- A cached leaderboard catches up by re-reading only the pull requests changed since it was read:
-- an index on when each changed, so that the look-up reads those rows, not every pull request.
CREATE INDEX result_pulls_updated ON result_pulls (updated_at);
