package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.model.ResultEntry;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps the leaderboards' data in step with reviews: the accepted entries of each reviewed pull
 * request (replaced as a whole, so a re-review is idempotent), and its state when it closes.
 * Entries with errors never reach a leaderboard.
 */
public final class ResultRecorder implements ReviewListener {
    private final ResultStore results;
    private final Consumer<String> benchmarkChanged;

    /** @param benchmarkChanged told the dataset id of every benchmark whose board may have changed */
    public ResultRecorder(ResultStore results, Consumer<String> benchmarkChanged) {
        this.results = results;
        this.benchmarkChanged = benchmarkChanged;
    }

    @Override
    public void reviewed(PullRequestRef pr, Review review) {
        List<ReviewedEntry> entries = new ArrayList<>();
        for (FileReport file : review.report().files()) {
            if (file.kind() != FileKind.RESULTS) {
                continue;
            }
            for (ResultEntry e : file.acceptedEntries()) {
                if (e.value() == null || e.datasetId() == null) {
                    continue;
                }
                EntryStatus status = review.status(file.path(), e.index());
                Tier tier = status == null ? Tier.COMMUNITY : Tier.parse(status.tier()).orElseThrow();
                entries.add(new ReviewedEntry(file.path(), e.line(), e.index(), e.datasetId(), e.taskId(), e.value(),
                        e.date(), e.notes(), e.source() == null ? null : e.source().url(),
                        e.source() == null ? null : e.source().name(), tier,
                        e.source() == null ? null : e.source().attribution(),
                        e.dataset() == null ? null : e.dataset().revision(), status != null && status.logChecked()));
            }
        }
        PullRef pull = pull(pr);
        List<String> before = datasets(pull);
        results.replaceAll(pull, pr.headSha(), pr.number() == 0 ? PrState.MERGED : PrState.OPEN, entries);
        // Each benchmark once (a write each), whether it held results before, holds them now, or both.
        java.util.Set<String> changed = new java.util.LinkedHashSet<>(before);
        entries.forEach(e -> changed.add(e.datasetId()));
        changed.forEach(benchmarkChanged);
    }

    /** A pull request closed: merged results become the author's, closed ones leave the boards. */
    public void closed(PullRequestRef pr, boolean merged) {
        PullRef pull = pull(pr);
        results.setPrState(pull, merged ? PrState.MERGED : PrState.CLOSED);
        datasets(pull).forEach(benchmarkChanged);
    }

    private List<String> datasets(PullRef pull) {
        return results.byPull(pull).stream().map(r -> r.entry().datasetId()).distinct().toList();
    }

    private static PullRef pull(PullRequestRef pr) {
        return new PullRef(pr.platform(), pr.repo(), pr.number());
    }
}
