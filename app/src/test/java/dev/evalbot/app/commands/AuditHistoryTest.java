package dev.evalbot.app.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditHistoryTest {
    private static AuditEntry entry(String actor, String command, String args, String at, String outcome) {
        return new AuditEntry(actor, command, args, Instant.parse(at), "github", "o/r", 2, outcome, null);
    }

    @Test
    void phrasesDoneCommandsNewestLastAndLeavesOutTheRest() {
        List<AuditEntry> newestFirst = List.of(
                entry("bob", "label", "add eval/needs-data", "2026-11-25T16:45:00Z", AuditEntry.DONE),
                entry("mallory", "approve", "spam @everyone", "2026-11-25T16:44:00Z", AuditEntry.REFUSED),
                entry("alice", "help", "", "2026-11-25T16:43:00Z", AuditEntry.DONE),
                entry("alice", "hide", "", "2026-11-25T16:42:00Z", AuditEntry.DONE),
                entry("alice", "approve", "looks right", "2026-11-25T16:40:00Z", AuditEntry.DONE));
        assertEquals(List.of(
                "2026-11-25 16:40 UTC · &#64;alice approved: looks right",
                "2026-11-25 16:42 UTC · &#64;alice hid the results from the leaderboards",
                "2026-11-25 16:45 UTC · &#64;bob added the label <code>eval/needs-data</code>"),
                AuditHistory.lines(newestFirst));
        assertEquals(1, AuditHistory.lines(newestFirst, 1).size());
    }

    @Test
    void escapesWhatPeopleTyped() {
        String line = AuditHistory.lines(List.of(entry("a-b", "reject", "<img src=x> [x](javascript:1) @team | `x`",
                "2026-01-01T00:00:00Z", AuditEntry.DONE))).get(0);
        assertEquals("2026-01-01 00:00 UTC · &#64;a\\-b rejected: &lt;img src=x&gt; \\[x\\]\\(javascript:1\\) "
                + "&#64;team &#124; \\`x\\`", line);
    }
}
