package dev.evalbot.rules.board;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Explains why reports are off their leaderboards, from the audit trail of their pull requests.
 * Pure. A report that is rejected and hidden and closed is listed once, under the most deliberate
 * step: rejected (a maintainer's verdict), then hidden, then closed.
 */
public final class Withdrawals {
    /** Newest first, then by model and position, so that the list is stable. */
    public static final Comparator<Withdrawal> ORDER = Comparator.comparing(Withdrawal::at).reversed()
            .thenComparing(w -> w.entry().modelRepo()).thenComparing(w -> w.entry().platform())
            .thenComparing(w -> w.entry().file()).thenComparingInt(w -> w.entry().line());

    private Withdrawals() {}

    /**
     * The withdrawals of a benchmark's reports, by task, newest first.
     *
     * @param entries a benchmark's stored reports; eligible ones are skipped
     * @param trail the audit trail of a pull request, in any order
     */
    public static Map<String, List<Withdrawal>> byTask(Collection<BoardEntry> entries,
            Function<PrKey, List<WithdrawalEvent>> trail) {
        Map<PrKey, List<WithdrawalEvent>> trails = new java.util.HashMap<>();
        Map<String, List<Withdrawal>> out = new TreeMap<>();
        for (BoardEntry e : entries) {
            if (e.eligible()) {
                continue;
            }
            List<WithdrawalEvent> events = trails.computeIfAbsent(e.prKey(), trail);
            out.computeIfAbsent(e.taskId(), t -> new ArrayList<>()).add(explain(e, events));
        }
        out.values().forEach(list -> list.sort(ORDER));
        out.replaceAll((t, list) -> List.copyOf(list));
        return out;
    }

    /**
     * Why {@code entry} is off the leaderboard: the latest step of the trail that matches its state.
     *
     * @throws IllegalArgumentException when the entry is eligible
     */
    public static Withdrawal explain(BoardEntry entry, List<WithdrawalEvent> trail) {
        if (entry.eligible()) {
            throw new IllegalArgumentException("report of " + entry.prKey() + " is on the leaderboard");
        }
        Withdrawal.Kind kind = entry.rejected() ? Withdrawal.Kind.REJECTED
                : entry.hidden() ? Withdrawal.Kind.HIDDEN : Withdrawal.Kind.CLOSED;
        WithdrawalEvent.Action action = switch (kind) {
            case REJECTED -> WithdrawalEvent.Action.REJECT;
            case HIDDEN -> WithdrawalEvent.Action.HIDE;
            case CLOSED -> WithdrawalEvent.Action.CLOSE;
        };
        Optional<WithdrawalEvent> step = trail.stream().filter(ev -> ev.action() == action)
                .max(Comparator.comparing(WithdrawalEvent::at));
        if (step.isEmpty()) {
            Withdrawal.ClosedBy closedBy = kind == Withdrawal.Kind.CLOSED ? Withdrawal.ClosedBy.UNKNOWN
                    : Withdrawal.ClosedBy.NOT_CLOSED;
            return new Withdrawal(entry, kind, null, entry.updatedAt(), null, closedBy);
        }
        WithdrawalEvent ev = step.get();
        return new Withdrawal(entry, kind, ev.actor(), ev.at(), ev.reason(),
                kind == Withdrawal.Kind.CLOSED ? closedBy(ev) : Withdrawal.ClosedBy.NOT_CLOSED);
    }

    /**
     * On GitHub and the Hub only the submitter or someone with write access to the model repository
     * can close a pull request, so a close by anyone but the submitter is the model's owner's.
     */
    static Withdrawal.ClosedBy closedBy(WithdrawalEvent close) {
        if (close.actor() == null || close.submitter() == null) {
            return Withdrawal.ClosedBy.UNKNOWN;
        }
        return close.actor().equalsIgnoreCase(close.submitter()) ? Withdrawal.ClosedBy.SUBMITTER
                : Withdrawal.ClosedBy.OWNER;
    }
}
