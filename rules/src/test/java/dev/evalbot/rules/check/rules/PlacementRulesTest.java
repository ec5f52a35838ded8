package dev.evalbot.rules.check.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.board.Placement;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.PlacedEntry;
import dev.evalbot.rules.check.RuleCatalog;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.config.BenchmarkPolicy;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.yaml.Position;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PlacementRulesTest {
    private static final TaskPolicy PERCENT = new TaskPolicy(0.0, 100.0, null, null, null);

    private static List<Finding> run(dev.evalbot.rules.check.PlacementRule rule, PlacedEntry e, RulesConfig config) {
        FindingSink sink = new FindingSink(".eval_results/hle.yaml", config);
        rule.check(e, sink);
        return sink.findings();
    }

    private static PlacedEntry entry(double value, Placement p, TaskPolicy policy) {
        return new PlacedEntry("cais/hle", "hle", 1, new Position(4, 10), value, p, policy);
    }

    @Test
    void theRankLineSaysRankCountAndBestAuthorReported() {
        Placement p = new Placement(3, 41, OptionalDouble.of(30.2), OptionalDouble.of(24.6), false);
        List<Finding> f = run(new WouldRankRule(), entry(22, p, PERCENT), RulesConfig.DEFAULT);
        assertEquals(1, f.size());
        assertEquals("would-rank", f.get(0).code());
        assertEquals(Severity.NOTICE, f.get(0).severity());
        assertEquals("would rank 3 of 41 on cais/hle / hle; best author-reported 24.6", f.get(0).message());
        assertEquals(4, f.get(0).line());
    }

    @Test
    void aFirstResultSaysSo() {
        Placement p = new Placement(1, 1, OptionalDouble.empty(), OptionalDouble.empty(), false);
        assertEquals("would rank 1 of 1 on cais/hle / hle (the first result on this leaderboard)",
                run(new WouldRankRule(), entry(22, p, PERCENT), RulesConfig.DEFAULT).get(0).message());
    }

    @Test
    void aNewTopScoreBeyondTheMarginIsAWarning() {
        Placement p = new Placement(1, 5, OptionalDouble.of(24.6), OptionalDouble.of(24.6), false);
        List<Finding> f = run(new NewTopScoreRule(5), entry(31, p, PERCENT), RulesConfig.DEFAULT);
        assertEquals(1, f.size());
        assertEquals("new-top-score", f.get(0).code());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertEquals("value 31 would become first on cais/hle / hle, 6.4 above the current top score 24.6 (margin 5)",
                f.get(0).message());
    }

    @Test
    void withinTheMarginOrNotFirstIsSilent() {
        Placement first = new Placement(1, 5, OptionalDouble.of(24.6), OptionalDouble.of(24.6), false);
        assertTrue(run(new NewTopScoreRule(5), entry(29.6, first, PERCENT), RulesConfig.DEFAULT).isEmpty(), "exactly 5");
        Placement second = new Placement(2, 5, OptionalDouble.of(24.6), OptionalDouble.of(24.6), false);
        assertTrue(run(new NewTopScoreRule(5), entry(20, second, PERCENT), RulesConfig.DEFAULT).isEmpty());
        Placement alone = new Placement(1, 1, OptionalDouble.empty(), OptionalDouble.empty(), false);
        assertTrue(run(new NewTopScoreRule(5), entry(99, alone, PERCENT), RulesConfig.DEFAULT).isEmpty());
    }

    @Test
    void theMarginScalesWithTheRangeOrTheTop() {
        NewTopScoreRule rule = new NewTopScoreRule(5);
        assertEquals(0.05, rule.margin(new TaskPolicy(0.0, 1.0, null, null, null), 0.4), 1e-12);
        assertEquals(1.0, rule.margin(TaskPolicy.NONE, -20), 1e-12, "no range: 5 % of the top's magnitude");
        Placement lower = new Placement(1, 3, OptionalDouble.of(10), OptionalDouble.of(10), true);
        assertEquals(1, run(rule, entry(9.4, lower, TaskPolicy.NONE), RulesConfig.DEFAULT).size(), "0.6 below 10");
        assertTrue(run(rule, entry(9.6, lower, TaskPolicy.NONE), RulesConfig.DEFAULT).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new NewTopScoreRule(-1));
    }

    @Test
    void severityIsConfigurablePerBenchmarkLikeEveryRule() {
        RulesConfig off = new RulesConfig(RulesConfig.DEFAULT.limits(), RulesConfig.DEFAULT.frameworks(), List.of(),
                Map.of("cais/hle", new BenchmarkPolicy(Map.of(), Map.of("new-top-score", Optional.empty()))),
                Map.of("would-rank", Optional.of(Severity.WARNING)), 24, 300);
        Placement p = new Placement(1, 5, OptionalDouble.of(24.6), OptionalDouble.of(24.6), false);
        assertTrue(run(new NewTopScoreRule(5), entry(60, p, PERCENT), off).isEmpty());
        assertEquals(Severity.WARNING, run(new WouldRankRule(), entry(60, p, PERCENT), off).get(0).severity());
    }

    @Test
    void theCatalogListsBothCodes() {
        List<String> codes = RuleCatalog.all().stream().map(c -> c.code()).toList();
        assertTrue(codes.contains("would-rank") && codes.contains("new-top-score"));
    }
}
