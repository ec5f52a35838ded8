package dev.evalbot.app.board;

import dev.evalbot.app.event.KnownPlatform;
import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.StoredResult;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.IndexedBoards;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.board.TaskCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every eligible report of one model repository, as its rows on the boards show them: what
 * {@code GET /api/models/{id}?expand=evalResults} lists. Read per request from the store (the
 * model's rows only, by primary key) and grouped by the boards' own rules, so that it neither reads
 * every board nor holds an index of the whole store. Which reports a row shows, and in which
 * order, depends only on that model's reports; the rank, which depends on the others, is not listed.
 */
final class ModelReports {
    private final ResultStore results;
    private final TaskCatalog catalog;

    private final KnownPlatforms platforms;

    ModelReports(ResultStore results, TaskCatalog catalog, KnownPlatforms platforms) {
        this.results = results;
        this.catalog = catalog;
        this.platforms = platforms;
    }

    /**
     * @param platform a known platform's code, or null for every known platform
     * @return by benchmark id, then the benchmark's task order, then the row's order (shown report
     *     first, then the others), as the boards list them
     */
    List<BoardEntry> of(String model, String platform) {
        List<PlatformId> read = platforms.ids();
        if (platform != null) {
            Optional<KnownPlatform> only = platforms.find(platform);
            if (only.isEmpty()) {
                return List.of();
            }
            read = List.of(only.get().id());
        }
        IndexedBoards index = new IndexedBoards(catalog);
        for (StoredResult r : results.byModel(model, read)) {
            if (StoredEntries.hasTask(r)) {
                index.add(StoredEntries.toBoardEntry(r));
            }
        }
        List<BoardEntry> out = new ArrayList<>();
        for (Leaderboard board : index.leaderboards().values()) {
            for (TaskBoard task : board.tasks()) {
                for (Row row : task.rows()) {
                    out.add(row.best());
                    out.addAll(row.others());
                }
            }
        }
        return out;
    }
}
