package dev.evalbot.app.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.platform.github.GitHubPayload;
import dev.evalbot.app.platform.hub.HubEvent;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.store.AuditEntry;
import dev.evalbot.app.store.AuditStore;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every close without merge into the audit log before passing it on, so that the
 * leaderboard's "Withdrawn" list can say who closed a pull request, when, with which comment, and
 * whether that was its submitter. The entry: actor = who closed it, command {@value #COMMAND_CLOSE},
 * args = the submitter, outcome {@value #OUTCOME}, reason = the closing comment when the platform
 * sends one with the event (the Hub does with a status change made with a comment; GitHub's
 * {@code closed} event carries none).
 */
public final class CloseAudit implements PullRequestClosed {
    private static final Logger LOG = LoggerFactory.getLogger(CloseAudit.class);
    static final String COMMAND_CLOSE = "close";
    static final String COMMAND_REOPEN = "reopen";
    /** Not {@code done}: the review's command history lists maintainers' commands only. */
    static final String OUTCOME = "closed";
    static final String UNKNOWN_ACTOR = "(unknown)";

    private final AuditStore audit;
    private final PullRequestClosed next;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public CloseAudit(AuditStore audit, PullRequestClosed next, Clock clock) {
        this.audit = audit;
        this.next = next;
        this.clock = clock;
    }

    @Override
    public void closed(PullRequestRef pr, boolean merged) {
        if (!merged) {
            Closer closer = closer(pr);
            audit.append(new AuditEntry(closer.actor() == null ? UNKNOWN_ACTOR : closer.actor(), COMMAND_CLOSE,
                    pr.author() == null ? "" : pr.author(), clock.instant(), PlatformId.of(pr.platform()), pr.repo(),
                    pr.number(), OUTCOME, closer.comment()));
        }
        next.closed(pr, merged);
    }

    private record Closer(String actor, String comment) {}

    private Closer closer(PullRequestRef pr) {
        if (pr.payload() instanceof GitHubPayload g && g.json() != null) {
            try {
                JsonNode root = json.readTree(g.json());
                String sender = root.path("sender").path("login").asText(null);
                return new Closer(sender, null);
            } catch (IOException e) {
                LOG.warn("closed event of {} not readable: {}", pr.subject(), e.getMessage());
                return new Closer(null, null);
            }
        }
        if (pr.payload() instanceof HubEvent h) {
            return new Closer(h.commentAuthorId(), h.commentContent());
        }
        return new Closer(null, null);
    }
}
