package dev.evalbot.rules.board;

import java.time.Instant;
import java.util.Objects;

/**
 * One step in the audit trail of a pull request that can take its reports off a leaderboard, or
 * put them back: closed, reopened, rejected, hidden, unhidden.
 *
 * @param actor who did it (a platform login or id), or null when the platform did not say
 * @param submitter who opened the pull request, when known (for a close: to tell a close by the
 *     submitter from one by the model's owner)
 * @param reason what the actor gave as the reason (a command's argument, a closing comment), or null
 */
public record WithdrawalEvent(Action action, String actor, Instant at, String reason, String submitter) {
    public enum Action {
        CLOSE, REOPEN, REJECT, APPROVE, HIDE, UNHIDE
    }

    public WithdrawalEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }
}
