package dev.evalbot.app.commands;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.PullContext;
import dev.evalbot.app.store.Decision;
import dev.evalbot.app.store.PullRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What every review of a pull request needs from the commands: the history lines and whether a
 * maintainer approved. The engine uses it after a command; the integrator should use it for the
 * reviews that pushes trigger too, or a push would drop the history and the approval from the comment.
 */
public final class PullHistory implements PullContext {
    private final CommandAudit audit;
    private final Decisions decisions;
    private final CommandSettings settings;

    public PullHistory(CommandAudit audit, Decisions decisions, CommandSettings settings) {
        this.audit = audit;
        this.decisions = decisions;
        this.settings = settings;
    }

    @Override
    public List<String> history(PullRequestRef pr) {
        return lines(pr);
    }

    public List<String> lines(PullRequestRef pr) {
        return lines(pr, List.of());
    }

    /** The history including {@code pending} entries not yet recorded. */
    public List<String> lines(PullRequestRef pr, List<AuditEntry> pending) {
        List<AuditEntry> all = new ArrayList<>(audit.recent(pr.platform().code(), pr.repo(), pr.number(),
                settings.auditLookback()));
        all.addAll(pending);
        return AuditHistory.lines(all, settings.historyLines());
    }

    @Override
    public boolean approved(PullRequestRef pr) {
        return decision(pr).approved();
    }

    public Decision decision(PullRequestRef pr) {
        return decisions.get(key(pr));
    }

    public static PullRef key(PullRequestRef pr) {
        return new PullRef(pr.platform(), pr.repo(), pr.number());
    }
}
