package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.rules.check.ChangeReport;
import java.util.Map;
import java.util.Set;

/** Adds what needs more than the files themselves: sources, tokens, tiers, known values. */
public interface TrustAnnotator {
    /**
     * @param report the rules' review of the change
     * @param bypassCaches a maintainer asked for a fresh check ({@code /evalbot recheck})
     */
    Annotated annotate(PullRequestRef pr, ChangeReport report, boolean bypassCaches);

    /**
     * @param report the review with the trust findings added
     * @param labels trust labels the PR should carry (e.g. {@code eval/verified})
     */
    record Annotated(ChangeReport report, Map<String, EntryStatus> statuses, Set<String> labels) {}

    /** No network: every check shows as skipped, every entry is community tier. */
    TrustAnnotator OFFLINE = (pr, report, bypass) -> {
        Map<String, EntryStatus> statuses = new java.util.HashMap<>();
        for (var f : report.files()) {
            for (var e : f.entries()) {
                statuses.put(Review.key(f.path(), e.index()),
                        EntryStatus.offline(e.verifyToken() != null, e.source() != null));
            }
        }
        return new Annotated(report, statuses, Set.of());
    };
}
