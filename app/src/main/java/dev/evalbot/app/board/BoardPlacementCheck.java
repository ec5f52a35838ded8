package dev.evalbot.app.board;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.rules.board.ModelKey;
import dev.evalbot.rules.board.Placement;
import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.PlacedEntry;
import dev.evalbot.rules.check.PlacementRule;
import dev.evalbot.rules.check.PlacementRules;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.ResultEntry;
import dev.evalbot.rules.yaml.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Adds to a review where each valid entry would rank on its task's leaderboard now
 * ({@code would-rank}) and flags one that would take first place by more than the configured
 * margin ({@code new-top-score}). Reads the live leaderboards, whose ranks already leave withdrawn
 * reports out. Wraps the trust step like {@code KnownValueCheck}; severities follow the
 * configuration like every rule's.
 */
public final class BoardPlacementCheck implements TrustAnnotator {
    private final TrustAnnotator inner;
    private final Function<String, Optional<dev.evalbot.rules.board.Leaderboard>> boards;
    private final TaskCatalog catalog;
    private final RulesConfig config;
    private final List<PlacementRule> rules;

    public BoardPlacementCheck(TrustAnnotator inner, BoardService boards, TaskCatalog catalog, RulesConfig config) {
        this(inner, boards::leaderboard, catalog, config, PlacementRules.defaults(boards.settings().newTopScoreMargin()));
    }

    /** @param boards the current leaderboard of a benchmark, by id */
    public BoardPlacementCheck(TrustAnnotator inner, Function<String, Optional<dev.evalbot.rules.board.Leaderboard>> boards,
            TaskCatalog catalog, RulesConfig config, List<PlacementRule> rules) {
        this.inner = inner;
        this.boards = boards;
        this.catalog = catalog;
        this.config = config;
        this.rules = List.copyOf(rules);
    }

    @Override
    public Annotated annotate(PullRequestRef pr, ChangeReport report, boolean bypassCaches) {
        Annotated annotated = inner.annotate(pr, report, bypassCaches);
        ModelKey model = new ModelKey(pr.platform().code(), pr.repo());
        List<FileReport> files = new ArrayList<>();
        for (FileReport file : annotated.report().files()) {
            FindingSink sink = new FindingSink(file.path(), config);
            for (ResultEntry e : file.acceptedEntries()) {
                if (e.value() == null || e.datasetId() == null || e.taskId() == null || !Double.isFinite(e.value())) {
                    continue;
                }
                TaskBoard board = boards.apply(e.datasetId()).flatMap(b -> b.task(e.taskId())).orElse(null);
                boolean lower = board != null ? board.lowerIsBetter() : catalog.lowerIsBetter(e.datasetId(), e.taskId());
                PlacedEntry placed = new PlacedEntry(e.datasetId(), e.taskId(), e.index(), new Position(e.line(), 1),
                        e.value(), Placement.of(board, model, e.value(), lower),
                        config.benchmark(e.datasetId()).task(e.taskId()));
                rules.forEach(r -> r.check(placed, sink));
            }
            files.add(sink.findings().isEmpty() ? file : file.withFindings(sink.findings()));
        }
        return new Annotated(new ChangeReport(files, annotated.report().changeFindings()), annotated.statuses(),
                annotated.labels());
    }
}
