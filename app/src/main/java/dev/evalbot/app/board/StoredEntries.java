package dev.evalbot.app.board;

import dev.evalbot.app.store.StoredResult;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.check.rules.DateRule;
import dev.evalbot.rules.tier.Tier;

/** Turns what the store keeps into what the aggregation ranks. */
final class StoredEntries {
    private StoredEntries() {}

    static BoardEntry toBoardEntry(StoredResult r) {
        var e = r.entry();
        // A token earns "verified" whatever the PR state; otherwise merged is the author's, open the community's.
        Tier tier = Tier.of(e.tier() == Tier.VERIFIED, r.prState());
        return new BoardEntry(r.pull().repo(), e.datasetId(), e.taskId(), e.value(), tier,
                e.date() == null ? null : DateRule.parse(e.date()).orElse(null), r.updatedAt(), e.notes(),
                e.sourceUrl(), e.sourceName(), r.pull().platform().code(), r.pull().number(), r.prState(),
                r.decision().approved(), r.decision().rejected(), r.decision().hidden(), e.file(), e.line(),
                e.attribution(), e.revision(), e.logChecked());
    }

    static boolean hasTask(StoredResult r) {
        return r.entry().taskId() != null && r.prState() != null;
    }

}
