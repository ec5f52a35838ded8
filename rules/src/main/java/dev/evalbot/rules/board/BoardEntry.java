package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored report: a validated results entry plus where it lives and what was decided about it.
 * Closed-without-merge, rejected and hidden entries stay stored (history) but are not
 * {@link #eligible()} for a leaderboard.
 *
 * @param modelRepo model repository id, {@code owner/name}
 * @param datasetId the benchmark, {@code dataset.id}
 * @param taskId the resolved task of that benchmark
 * @param value a finite number
 * @param date the entry's {@code date}, or null when it gave none (then {@code updatedAt} stands in)
 * @param updatedAt when evalbot last stored a change to this entry (content or state); not null
 * @param notes free text from the PR, or null
 * @param sourceUrl {@code source.url} as submitted, or null; rendered as a link only if https
 * @param sourceName {@code source.name}, or null
 * @param platform where the model repository lives, e.g. {@code github} or {@code hub}
 * @param prNumber the PR carrying the entry; 0 for an entry found on main without a tracked PR
 * @param file path of the results file in the repository
 * @param line 1-based line of the entry in that file
 * @param attribution who the source attributes the result to ({@code source.org}, else {@code source.user}), or null
 * @param revision {@code dataset.revision}: the benchmark dataset's revision the entry was scored on, or null
 * @param logChecked the evaluation log its source cites agreed with it when reviewed: shown beside the tier, and
 *     preferred to a bare report of the same tier (below verified, above community)
 */
public record BoardEntry(
        String modelRepo,
        String datasetId,
        String taskId,
        double value,
        Tier tier,
        Instant date,
        Instant updatedAt,
        String notes,
        String sourceUrl,
        String sourceName,
        String platform,
        int prNumber,
        PrState prState,
        boolean approved,
        boolean rejected,
        boolean hidden,
        String file,
        int line,
        String attribution,
        String revision,
        boolean logChecked) {

    /** An entry without the log-checked mark. */
    public BoardEntry(String modelRepo, String datasetId, String taskId, double value, Tier tier, Instant date,
            Instant updatedAt, String notes, String sourceUrl, String sourceName, String platform, int prNumber,
            PrState prState, boolean approved, boolean rejected, boolean hidden, String file, int line,
            String attribution, String revision) {
        this(modelRepo, datasetId, taskId, value, tier, date, updatedAt, notes, sourceUrl, sourceName, platform,
                prNumber, prState, approved, rejected, hidden, file, line, attribution, revision, false);
    }

    /** An entry without a dataset revision. */
    public BoardEntry(String modelRepo, String datasetId, String taskId, double value, Tier tier, Instant date,
            Instant updatedAt, String notes, String sourceUrl, String sourceName, String platform, int prNumber,
            PrState prState, boolean approved, boolean rejected, boolean hidden, String file, int line,
            String attribution) {
        this(modelRepo, datasetId, taskId, value, tier, date, updatedAt, notes, sourceUrl, sourceName, platform,
                prNumber, prState, approved, rejected, hidden, file, line, attribution, null);
    }

    /** An entry without attribution. */
    public BoardEntry(String modelRepo, String datasetId, String taskId, double value, Tier tier, Instant date,
            Instant updatedAt, String notes, String sourceUrl, String sourceName, String platform, int prNumber,
            PrState prState, boolean approved, boolean rejected, boolean hidden, String file, int line) {
        this(modelRepo, datasetId, taskId, value, tier, date, updatedAt, notes, sourceUrl, sourceName, platform,
                prNumber, prState, approved, rejected, hidden, file, line, null, null);
    }

    public BoardEntry {
        Objects.requireNonNull(modelRepo, "modelRepo");
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(prState, "prState");
        Objects.requireNonNull(file, "file");
        // Validation refuses NaN and infinities; a ranking cannot order them, so refuse here too.
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
    }

    /** On the leaderboard: not closed without merge, not rejected, not hidden. */
    public boolean eligible() {
        return prState != PrState.CLOSED && !rejected && !hidden;
    }

    /** The entry's date, or when it was stored when it gave none (the spec's "commit time"). */
    public Instant effectiveDate() {
        return date != null ? date : updatedAt;
    }

    public PrKey prKey() {
        return new PrKey(platform, modelRepo, prNumber);
    }

    public ModelKey modelKey() {
        return new ModelKey(platform, modelRepo);
    }

    /** The same entry after its PR changed state; merging lifts community to author. */
    public BoardEntry withState(PrState state, Instant at) {
        Tier t = state == PrState.MERGED ? tier.afterMerge() : tier;
        return new BoardEntry(modelRepo, datasetId, taskId, value, t, date, at, notes, sourceUrl, sourceName,
                platform, prNumber, state, approved, rejected, hidden, file, line, attribution, revision);
    }

    /** The same entry after a maintainer's decision (approve, reject, hide or their undoing). */
    public BoardEntry withDecision(boolean approve, boolean reject, boolean hide, Instant at) {
        return new BoardEntry(modelRepo, datasetId, taskId, value, tier, date, at, notes, sourceUrl, sourceName,
                platform, prNumber, prState, approve, reject, hide, file, line, attribution, revision);
    }
}
