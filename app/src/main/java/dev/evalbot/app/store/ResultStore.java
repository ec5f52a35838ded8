package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reviewed results for the leaderboards. Entries are replaced as a whole per pull request at each
 * review; the pull request's state and the maintainers' decision live beside them and survive
 * re-reviews.
 */
public final class ResultStore {
    private static final String SELECT = "SELECT p.platform, p.repo, p.number, p.head_sha, r.file, r.line,"
            + " r.entry_index, r.dataset_id, r.task_id, r.metric_value, r.entry_date, r.notes, r.source_url,"
            + " r.source_name, r.tier, p.pr_state, p.approved, p.rejected, p.hidden, r.updated_at, p.updated_at,"
            + " r.source_attribution, r.dataset_revision, r.log_checked"
            + " FROM results r JOIN result_pulls p"
            + " ON p.platform = r.platform AND p.repo = r.repo AND p.number = r.number ";
    private static final String ORDER = " ORDER BY p.platform, p.repo, p.number, r.file, r.entry_index";

    private final Database db;
    private final Clock clock;

    public ResultStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Makes {@code entries} the pull request's entries, reviewed at {@code headSha}; running it again
     * with the same arguments changes nothing. The decision is kept.
     */
    public void replaceAll(PullRef pull, String headSha, PrState state, List<ReviewedEntry> entries) {
        long now = clock.millis();
        db.write("store the results of " + pull.subject(), c -> {
            upsertPull(c, pull, headSha, state, now);
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM results WHERE platform = ? AND repo = ? AND number = ?")) {
                Rows.setPull(ps, 1, pull);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO results (platform, repo, number, file,"
                    + " entry_index, line, dataset_id, task_id, metric_value, entry_date, notes, source_url,"
                    + " source_name, tier, updated_at, source_attribution, dataset_revision, log_checked)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ReviewedEntry e : entries) {
                    Rows.setPull(ps, 1, pull);
                    ps.setString(4, e.file());
                    ps.setInt(5, e.entryIndex());
                    ps.setInt(6, e.line());
                    ps.setString(7, e.datasetId());
                    Rows.setNullable(ps, 8, e.taskId());
                    ps.setDouble(9, e.value());
                    Rows.setNullable(ps, 10, e.date());
                    Rows.setNullable(ps, 11, e.notes());
                    Rows.setNullable(ps, 12, e.sourceUrl());
                    Rows.setNullable(ps, 13, e.sourceName());
                    ps.setString(14, e.tier().label());
                    ps.setLong(15, now);
                    Rows.setNullable(ps, 16, e.attribution());
                    Rows.setNullable(ps, 17, e.revision());
                    ps.setBoolean(18, e.logChecked());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Records that the pull request was opened, merged or closed (known or not yet). */
    public void setPrState(PullRef pull, PrState state) {
        long now = clock.millis();
        db.write("set the state of " + pull.subject(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO result_pulls (platform, repo, number,"
                    + " pr_state, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, repo, number)"
                    + " DO UPDATE SET pr_state = excluded.pr_state, updated_at = excluded.updated_at")) {
                Rows.setPull(ps, 1, pull);
                ps.setString(4, state.label());
                ps.setLong(5, now);
                return ps.executeUpdate();
            }
        });
    }

    /** Records the maintainers' decision; a pull request not seen yet starts open. */
    public void setDecision(PullRef pull, Decision decision) {
        long now = clock.millis();
        db.write("set the decision on " + pull.subject(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO result_pulls (platform, repo, number,"
                    + " pr_state, approved, rejected, hidden, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (platform, repo, number) DO UPDATE SET approved = excluded.approved,"
                    + " rejected = excluded.rejected, hidden = excluded.hidden, updated_at = excluded.updated_at")) {
                Rows.setPull(ps, 1, pull);
                ps.setString(4, (pull.number() == 0 ? PrState.MERGED : PrState.OPEN).label());
                ps.setBoolean(5, decision.approved());
                ps.setBoolean(6, decision.rejected());
                ps.setBoolean(7, decision.hidden());
                ps.setLong(8, now);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Decision> decision(PullRef pull) {
        return db.read("read the decision on " + pull.subject(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT approved, rejected, hidden FROM result_pulls"
                    + " WHERE platform = ? AND repo = ? AND number = ?")) {
                Rows.setPull(ps, 1, pull);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Decision(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
                            : Optional.<Decision>empty();
                }
            }
        });
    }

    /** Every entry for one benchmark, whatever its state: the leaderboard decides what to show. */
    public List<StoredResult> byDataset(String datasetId) {
        return query("read the results of " + datasetId, "WHERE r.dataset_id = ?" + ORDER,
                ps -> ps.setString(1, datasetId));
    }

    /**
     * Every entry for one benchmark, streamed into a sink instead of listed: a board of a million
     * reports is read without holding them twice. A read retried on a broken connection asks for a
     * fresh sink, so nothing is fed twice.
     *
     * @return the sink that saw every row
     */
    public <T extends Consumer<StoredResult>> T readByDataset(String datasetId, Supplier<T> sink) {
        return db.read("read the results of " + datasetId, c -> {
            T out = sink.get();
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE r.dataset_id = ?")) {
                ps.setString(1, datasetId);
                ps.setFetchSize(1024);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.accept(row(rs));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The pull requests whose results, state or decision changed at or after {@code millis} (their
     * {@code updated_at}, indexed), so that a board re-reads only what changed since it was read.
     */
    public List<ChangedPull> pullsChangedSince(long millis) {
        return db.read("list pull requests changed since " + millis, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT platform, repo, number, updated_at FROM result_pulls WHERE updated_at >= ?")) {
                ps.setLong(1, millis);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ChangedPull> pulls = new ArrayList<>();
                    while (rs.next()) {
                        pulls.add(new ChangedPull(new PullRef(PlatformId.of(rs.getString(1)), rs.getString(2),
                                rs.getInt(3)), rs.getLong(4)));
                    }
                    return pulls;
                }
            }
        });
    }

    /** A pull request and when it last changed (epoch milliseconds). */
    public record ChangedPull(PullRef pull, long updatedAt) {}

    /**
     * The entry another change already holds for this model and task that a new value is compared
     * with: the best tier (verified, then merged, then open), newest first, leaving out the pull
     * request {@code excludeNumber}, closed pull requests and rejected or hidden results. The
     * database picks it (an index on the repository and task, one row back) rather than the caller
     * sorting every row: a repository's rows grow with its pull requests.
     */
    public Optional<StoredResult> bestKnown(PlatformId platform, String repo, String datasetId, String taskId,
            int excludeNumber) {
        List<StoredResult> best = query("read the best known result of " + repo + " for " + datasetId,
                "WHERE r.platform = ? AND r.repo = ? AND r.dataset_id = ? AND r.task_id = ? AND r.number <> ?"
                        + " AND p.pr_state <> ? AND p.rejected = ? AND p.hidden = ?"
                        + " ORDER BY CASE WHEN r.tier = ? THEN 0 WHEN p.pr_state = ? THEN 1 ELSE 2 END,"
                        + " CASE WHEN r.updated_at > p.updated_at THEN r.updated_at ELSE p.updated_at END DESC,"
                        + " p.number, r.file, r.entry_index LIMIT 1", ps -> {
                    ps.setString(1, platform.code());
                    ps.setString(2, repo);
                    ps.setString(3, datasetId);
                    ps.setString(4, taskId);
                    ps.setInt(5, excludeNumber);
                    ps.setString(6, PrState.CLOSED.label());
                    ps.setBoolean(7, false);
                    ps.setBoolean(8, false);
                    ps.setString(9, Tier.VERIFIED.label());
                    ps.setString(10, PrState.MERGED.label());
                });
        return best.stream().findFirst();
    }

    /**
     * Every entry of one model repository on the platforms given: what the model's page on
     * the Hub-shaped API lists. Read through the primary key (platform, repository, ...), one
     * probe per platform, so it costs the model's rows, not the store's.
     *
     * @param platforms the platforms to read (the caller knows which exist)
     */
    public List<StoredResult> byModel(String repo, List<PlatformId> platforms) {
        if (platforms.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(platforms.size(), "?"));
        return query("read the results of " + repo, "WHERE r.platform IN (" + in + ") AND r.repo = ?" + ORDER, ps -> {
            int i = 1;
            for (PlatformId p : platforms) {
                ps.setString(i++, p.code());
            }
            ps.setString(i, repo);
        });
    }

    public List<StoredResult> byPull(PullRef pull) {
        return query("read the results of " + pull.subject(),
                "WHERE p.platform = ? AND p.repo = ? AND p.number = ?" + ORDER, ps -> Rows.setPull(ps, 1, pull));
    }

    /** Dataset ids with at least one entry, sorted. */
    public List<String> datasetIds() {
        return db.read("list benchmarks with results", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT dataset_id FROM results ORDER BY dataset_id");
                 ResultSet rs = ps.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        });
    }

    /** Every pull request (number 0: the default branch) that holds results or a decision, sorted. */
    public List<PullRef> pulls() {
        return db.read("list pull requests with results", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT platform, repo, number FROM result_pulls ORDER BY platform, repo, number");
                 ResultSet rs = ps.executeQuery()) {
                List<PullRef> pulls = new ArrayList<>();
                while (rs.next()) {
                    pulls.add(new PullRef(PlatformId.of(rs.getString(1)), rs.getString(2), rs.getInt(3)));
                }
                return pulls;
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<StoredResult> query(String action, String where, Binder binder) {
        return db.read(action, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredResult> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static StoredResult row(ResultSet rs) throws SQLException {
        ReviewedEntry entry = new ReviewedEntry(rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getString(8),
                rs.getString(9), rs.getDouble(10), rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getString(14), Tier.parse(rs.getString(15)).orElseThrow(), rs.getString(22),
                rs.getString(23), rs.getBoolean(24));
        Decision decision = new Decision(rs.getBoolean(17), rs.getBoolean(18), rs.getBoolean(19));
        long updated = Math.max(rs.getLong(20), rs.getLong(21));
        return new StoredResult(Rows.pull(rs, 1), rs.getString(4), entry, PrState.parse(rs.getString(16)).orElseThrow(), decision,
                Instant.ofEpochMilli(updated));
    }

    private static void upsertPull(Connection c, PullRef pull, String headSha, PrState state, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO result_pulls (platform, repo, number, head_sha,"
                + " pr_state, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, repo, number) DO UPDATE"
                + " SET head_sha = excluded.head_sha, pr_state = excluded.pr_state, updated_at = excluded.updated_at")) {
            Rows.setPull(ps, 1, pull);
            if (headSha == null) {
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(4, headSha);
            }
            ps.setString(5, state.label());
            ps.setLong(6, now);
            ps.executeUpdate();
        }
    }
}
