package dev.evalbot.app.commands;

import dev.evalbot.app.store.Decision;
import dev.evalbot.app.store.PullRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Decisions} in memory, for tests. */
public final class MemoryDecisions implements Decisions {
    private final Map<PullRef, Decision> decisions = new ConcurrentHashMap<>();

    @Override
    public Decision get(PullRef pr) {
        return decisions.getOrDefault(pr, Decision.NONE);
    }

    @Override
    public void put(PullRef pr, Decision decision) {
        decisions.put(pr, decision);
    }
}
