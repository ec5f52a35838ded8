package dev.evalbot.app.commands;

import dev.evalbot.app.store.Decision;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.ResultStore;

/** {@link Decisions} kept with the results, so leaderboards and reviews read the same decision. */
public final class StoreDecisions implements Decisions {
    private final ResultStore results;

    public StoreDecisions(ResultStore results) {
        this.results = results;
    }

    @Override
    public Decision get(PullRef pr) {
        return results.decision(pr).orElse(Decision.NONE);
    }

    @Override
    public void put(PullRef pr, Decision decision) {
        results.setDecision(pr, decision);
    }
}
