package dev.evalbot.rules.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.evalbot.rules.board.WithdrawalEvent.Action;
import dev.evalbot.rules.tier.PrState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WithdrawalsTest {
    private static final BoardEntry CLOSED = Reports.report("m/a", 40).community().state(PrState.CLOSED).pr(7)
            .updatedAt(Reports.day(9)).build();

    @Test
    void aCloseByTheSubmitterIsAWithdrawal() {
        Withdrawal w = Withdrawals.explain(CLOSED, List.of(
                new WithdrawalEvent(Action.CLOSE, "alice", Reports.day(3), "wrong revision", "alice")));
        assertEquals(Withdrawal.Kind.CLOSED, w.kind());
        assertEquals("alice", w.by());
        assertEquals(Reports.day(3), w.at());
        assertEquals("wrong revision", w.reason());
        assertEquals(Withdrawal.ClosedBy.SUBMITTER, w.closedBy());
    }

    @Test
    void aCloseBySomeoneElseIsTheModelOwners() {
        Withdrawal w = Withdrawals.explain(CLOSED, List.of(
                new WithdrawalEvent(Action.CLOSE, "owner", Reports.day(2), null, "bob"),
                new WithdrawalEvent(Action.REOPEN, "bob", Reports.day(3), null, "bob"),
                new WithdrawalEvent(Action.CLOSE, "Owner", Reports.day(4), "  ", "bob")));
        assertEquals(Withdrawal.ClosedBy.OWNER, w.closedBy());
        assertEquals(Reports.day(4), w.at(), "the latest close");
        assertNull(w.reason(), "a blank reason is none");
    }

    @Test
    void rejectedWinsOverHiddenAndClosed() {
        BoardEntry e = Reports.report("m/a", 40).state(PrState.CLOSED).rejected().hidden().build();
        Withdrawal w = Withdrawals.explain(e, List.of(
                new WithdrawalEvent(Action.HIDE, "maint", Reports.day(1), "dup", null),
                new WithdrawalEvent(Action.REJECT, "maint2", Reports.day(2), "value from another task", null)));
        assertEquals(Withdrawal.Kind.REJECTED, w.kind());
        assertEquals("maint2", w.by());
        assertEquals("value from another task", w.reason());
        assertEquals(Withdrawal.ClosedBy.NOT_CLOSED, w.closedBy());
    }

    @Test
    void withoutATrailTheStoredChangeIsTheTime() {
        Withdrawal w = Withdrawals.explain(CLOSED, List.of());
        assertNull(w.by());
        assertEquals(Reports.day(9), w.at());
        assertEquals(Withdrawal.ClosedBy.UNKNOWN, w.closedBy());
    }

    @Test
    void eligibleReportsAreNotWithdrawn() {
        BoardEntry open = Reports.report("m/a", 40).build();
        assertThrows(IllegalArgumentException.class, () -> Withdrawals.explain(open, List.of()));
        Map<String, List<Withdrawal>> byTask = Withdrawals.byTask(List.of(open, CLOSED,
                Reports.report("m/b", 1).task("t2").hidden().updatedAt(Reports.day(11)).build()), pr -> List.of());
        assertEquals(List.of("hle", "t2"), List.copyOf(byTask.keySet()));
        assertEquals(1, byTask.get("hle").size());
        assertEquals("m/b", byTask.get("t2").get(0).entry().modelRepo());
    }
}
