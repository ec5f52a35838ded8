package dev.evalbot.app.board;

import dev.evalbot.app.commands.AuditEntry;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.AuditRow;
import dev.evalbot.app.store.AuditStore;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.rules.board.PrKey;
import dev.evalbot.rules.board.WithdrawalEvent.Action;
import dev.evalbot.rules.board.WithdrawalEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The withdrawal trail from the audit log: the maintainers' commands that were carried out
 * (reject, approve, hide, unhide; their argument is the reason) and the closes and reopens
 * {@link CloseAudit} recorded.
 */
public final class AuditTrail implements WithdrawalTrail {
    /** Enough for any real pull request's history; the newest steps are the ones that explain. */
    static final int LOOKBACK = 200;
    static final String DONE = AuditEntry.DONE;

    private final AuditStore audit;

    public AuditTrail(AuditStore audit) {
        this.audit = audit;
    }

    @Override
    public List<WithdrawalEvent> events(PrKey pr) {
        List<WithdrawalEvent> out = new ArrayList<>();
        for (AuditRow e : audit.byPull(new PullRef(PlatformId.of(pr.platform()), pr.modelRepo(), pr.number()),
                LOOKBACK)) {
            toEvent(e).ifPresent(out::add);
        }
        return out;
    }

    static java.util.Optional<WithdrawalEvent> toEvent(AuditRow e) {
        String command = e.command().toLowerCase(Locale.ROOT);
        if (command.equals(CloseAudit.COMMAND_CLOSE) || command.equals(CloseAudit.COMMAND_REOPEN)) {
            Action action = command.equals(CloseAudit.COMMAND_CLOSE) ? Action.CLOSE : Action.REOPEN;
            String actor = CloseAudit.UNKNOWN_ACTOR.equals(e.actor()) ? null : e.actor();
            String submitter = e.args().isBlank() ? null : e.args();
            return java.util.Optional.of(new WithdrawalEvent(action, actor, e.at(), e.reason(), submitter));
        }
        if (!DONE.equals(e.outcome())) {
            return java.util.Optional.empty();
        }
        Action action = switch (command) {
            case "reject" -> Action.REJECT;
            case "approve" -> Action.APPROVE;
            case "hide" -> Action.HIDE;
            case "unhide" -> Action.UNHIDE;
            default -> null;
        };
        return action == null ? java.util.Optional.empty()
                : java.util.Optional.of(new WithdrawalEvent(action, e.actor(), e.at(), e.args(), null));
    }
}
