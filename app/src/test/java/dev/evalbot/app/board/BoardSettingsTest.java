package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.AuditRow;
import dev.evalbot.rules.board.WithdrawalEvent;
import dev.evalbot.rules.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoardSettingsTest {
    private static BoardSettings parse(String yaml) {
        return BoardSettings.parse("evalbot.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsProvidersAndMargin() throws Exception {
        BoardSettings s = parse("leaderboards:\n  providers: [together, groq]\n  new_top_score_margin: 2.5\n");
        assertEquals(List.of("together", "groq"), s.providers());
        assertEquals(2.5, s.newTopScoreMargin());
        assertEquals(BoardSettings.DEFAULT, parse("rules: {}\n"));
        assertTrue(BoardSettings.parse("evalbot.yaml", Files.readAllBytes(Path.of("../config/evalbot.yaml")))
                .providers().contains("together"), "the shipped list");
        assertEquals("https://evalbot.example", s.withPublicUrl("https://evalbot.example/").publicUrl());
    }

    @Test
    void badValuesSayWhere() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("leaderboards:\n  new_top_score_margin: lots\n"));
        assertTrue(e.getMessage().startsWith("evalbot.yaml:2:25: leaderboards.new_top_score_margin"), e.getMessage());
        assertThrows(ConfigException.class, () -> parse("leaderboards:\n  providers: [\"together ai\"]\n"));
        assertThrows(ConfigException.class, () -> parse("leaderboards:\n  providers: together\n"));
        assertThrows(ConfigException.class, () -> parse("leaderboards:\n  new_top_score_margin: -1\n"));
    }

    @Test
    void theAuditLogBecomesTheWithdrawalTrail() {
        Instant at = Instant.parse("2026-02-01T00:00:00Z");
        assertEquals(Optional.of(new WithdrawalEvent(WithdrawalEvent.Action.CLOSE, "owner", at, "wrong run", "alice")),
                AuditTrail.toEvent(new AuditRow("owner", "close", "alice", at, PlatformId.HUB, "o/m", 3, "closed",
                        "wrong run")));
        assertEquals(Optional.of(new WithdrawalEvent(WithdrawalEvent.Action.CLOSE, null, at, null, null)),
                AuditTrail.toEvent(new AuditRow(CloseAudit.UNKNOWN_ACTOR, "close", "", at, PlatformId.HUB, "o/m",
                        3, "closed", null)));
        assertEquals(Optional.of(new WithdrawalEvent(WithdrawalEvent.Action.REJECT, "maint", at, "bad split", null)),
                AuditTrail.toEvent(new AuditRow("maint", "reject", "bad split", at, PlatformId.GITHUB, "o/m", 3,
                        "done", null)));
        assertEquals(Optional.empty(), AuditTrail.toEvent(new AuditRow("someone", "reject", "x", at,
                PlatformId.GITHUB, "o/m", 3, "refused", "not a maintainer")), "a refused command withdrew nothing");
        assertEquals(Optional.empty(), AuditTrail.toEvent(new AuditRow("maint", "label", "add eval/x", at,
                PlatformId.GITHUB, "o/m", 3, "done", null)));
    }
}
