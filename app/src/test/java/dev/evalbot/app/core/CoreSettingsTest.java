package dev.evalbot.app.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.board.BoardService;
import dev.evalbot.app.board.HubApiRoutes;
import dev.evalbot.app.platform.github.BudgetSettings;
import dev.evalbot.app.platform.github.GitHubSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one start-up parse: defaults when nothing is set, one line naming the variable when a value is malformed. */
class CoreSettingsTest {
    @Test
    void nothingSetIsTheDefaults() {
        CoreSettings s = CoreSettings.parse(Map.of(), true);
        assertEquals(Duration.ofSeconds(30), s.boards().debounce());
        assertEquals(BoardService.DEFAULT_CACHE_REPORTS, s.boards().cacheReports());
        assertEquals(HubApiRoutes.DEFAULT_CACHE_ENTRIES, s.boards().hubApiCacheEntries());
        assertFalse(s.review().postWhenNothingToReview());
        assertEquals(BudgetSettings.DEFAULT, GitHubSettings.fromEnvironment(Map.of()).budget());
    }

    @Test
    void theBoardsAndTheReviewAreReadOnce() {
        CoreSettings s = CoreSettings.parse(Map.of("EVALBOT_BOARD_DEBOUNCE_SECONDS", "0.5",
                "EVALBOT_BOARD_CACHE_REPORTS", "1000", "EVALBOT_HUB_API_CACHE_ENTRIES", "16",
                "EVALBOT_PUBLIC_URL", "https://evalbot.example", "EVALBOT_COMMENT_WITHOUT_RESULTS", "true"), true);
        assertEquals(Duration.ofMillis(500), s.boards().debounce());
        assertEquals(1000, s.boards().cacheReports());
        assertEquals(16, s.boards().hubApiCacheEntries());
        assertEquals("https://evalbot.example", s.boards().publicUrl());
        assertTrue(s.review().postWhenNothingToReview());
    }

    @Test
    void aMalformedValueIsOneLineNamingTheVariable() {
        assertEquals("EVALBOT_BOARD_CACHE_REPORTS must be a whole number of reports, at least 1, got 0", message(
                Map.of("EVALBOT_BOARD_CACHE_REPORTS", "0")));
        assertEquals("EVALBOT_BOARD_DEBOUNCE_SECONDS must be a number of seconds, got soon", message(
                Map.of("EVALBOT_BOARD_DEBOUNCE_SECONDS", "soon")));
        assertEquals("EVALBOT_HUB_API_CACHE_ENTRIES must be a whole number of at least 1, got 'many'", message(
                Map.of("EVALBOT_HUB_API_CACHE_ENTRIES", "many")));
        assertEquals("EVALBOT_WORKERS must be a whole number from 1 to 64, got 0", message(Map.of("EVALBOT_WORKERS", "0")));
        assertTrue(message(Map.of("HF_ENDPOINT", "https://user:pw@hub.example"))
                .startsWith("HF_ENDPOINT must be an http(s) URL"));
    }

    @Test
    void thePublishingSecretIsNeverShown() {
        String shown = CoreSettings.parse(Map.of("EVALBOT_PUBLISH_SECRET", "s3cret"), true).toString();
        assertFalse(shown.contains("s3cret"), shown);
        assertTrue(shown.contains("publishSecret=set"), shown);
    }

    private static String message(Map<String, String> env) {
        String message = assertThrows(RuntimeException.class, () -> CoreSettings.parse(env, true)).getMessage();
        assertFalse(message.contains("\n"), message);
        return message;
    }
}
