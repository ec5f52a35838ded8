package dev.evalbot.app.board;

import dev.evalbot.app.store.StoredResult;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.check.rules.DateRule;
import dev.evalbot.rules.tier.Tier;
import java.util.function.UnaryOperator;

/** Turns what the store keeps into what the aggregation ranks. */
final class StoredEntries {
    private StoredEntries() {}

    static BoardEntry toBoardEntry(StoredResult r) {
        return toBoardEntry(r, UnaryOperator.identity());
    }

    /** @param shared returns one instance per distinct string (a board repeats ids, files and notes) */
    static BoardEntry toBoardEntry(StoredResult r, UnaryOperator<String> shared) {
        var e = r.entry();
        // A token earns "verified" whatever the PR state; otherwise merged is the author's, open the community's.
        Tier tier = Tier.of(e.tier() == Tier.VERIFIED, r.prState());
        return new BoardEntry(shared.apply(r.pull().repo()), shared.apply(e.datasetId()), shared.apply(e.taskId()),
                e.value(), tier, e.date() == null ? null : DateRule.parse(e.date()).orElse(null), r.updatedAt(),
                shared.apply(e.notes()), shared.apply(e.sourceUrl()), shared.apply(e.sourceName()),
                r.pull().platform().code(), r.pull().number(), r.prState(), r.decision().approved(),
                r.decision().rejected(), r.decision().hidden(), shared.apply(e.file()), e.line(),
                shared.apply(e.attribution()), shared.apply(e.revision()), e.logChecked());
    }

    static boolean hasTask(StoredResult r) {
        return r.entry().taskId() != null && r.prState() != null;
    }

}
