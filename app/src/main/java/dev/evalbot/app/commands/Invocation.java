package dev.evalbot.app.commands;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.store.PullRef;
import java.time.Instant;

/** One command being run: on what, by whom, with what argument, under which repository settings. */
public record Invocation(PullRequestRef pr, String actor, String argument, RepoConfig config, Instant at) {
    public PullRef key() {
        return PullHistory.key(pr);
    }
}
