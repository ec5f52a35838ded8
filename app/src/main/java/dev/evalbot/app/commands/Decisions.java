package dev.evalbot.app.commands;

import dev.evalbot.app.store.Decision;
import dev.evalbot.app.store.PullRef;

/**
 * Where decisions are kept so that the next review (and the leaderboards) see them. The
 * integrator backs it with the results store ({@code result_pulls}); tests keep it in memory.
 */
public interface Decisions {
    /** The decision for the pull request, {@link Decision#NONE} when there is none. */
    Decision get(PullRef pr);

    void put(PullRef pr, Decision decision);
}
