package dev.evalbot.app.board;

import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.store.AuditRow;
import dev.evalbot.app.store.AuditStore;
import java.time.Clock;

/**
 * Writes every close without merge into the audit log before passing it on, so that the
 * leaderboard's "Withdrawn" list can say who closed a pull request, when, with which comment, and
 * whether that was its submitter. The entry: actor = who closed it, command {@value #COMMAND_CLOSE},
 * args = the submitter, outcome {@value #OUTCOME}, reason = the closing comment when the platform
 * sends one with the event (the Hub does with a status change made with a comment; GitHub's
 * {@code closed} event carries none).
 */
public final class CloseAudit implements PullRequestClosed {
    static final String COMMAND_CLOSE = "close";
    static final String COMMAND_REOPEN = "reopen";
    /** Not {@code done}: the review's command history lists maintainers' commands only. */
    static final String OUTCOME = "closed";
    static final String UNKNOWN_ACTOR = "(unknown)";

    private final AuditStore audit;
    private final PullRequestClosed next;
    private final Clock clock;

    public CloseAudit(AuditStore audit, PullRequestClosed next, Clock clock) {
        this.audit = audit;
        this.next = next;
        this.clock = clock;
    }

    @Override
    public void closed(PullRequestEvent.Closed closed) {
        PullRequestRef pr = closed.pr();
        if (!closed.merged()) {
            audit.append(new AuditRow(closed.by() == null ? UNKNOWN_ACTOR : closed.by(), COMMAND_CLOSE,
                    pr.author() == null ? "" : pr.author(), clock.instant(), pr.platform(), pr.repo(),
                    pr.number(), OUTCOME, closed.note()));
        }
        next.closed(closed);
    }
}
