package dev.evalbot.app.board;

import dev.evalbot.app.review.Markdown;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import java.math.BigDecimal;

/** {@code LEADERBOARD.md}: the board as a Markdown table per task, for the benchmark's repository. */
public final class LeaderboardMarkdown {
    public String render(Leaderboard board) {
        StringBuilder md = new StringBuilder();
        md.append("# Leaderboard: ").append(Markdown.text(board.benchmarkId())).append("\n\n");
        md.append("Maintained by evalbot from the models' `.eval_results/`. Tiers: verified (signed token), ")
                .append("author (merged by the model's owner), community (open pull request).\n\n");
        for (TaskBoard task : board.tasks()) {
            md.append("## ").append(Markdown.text(task.taskId()))
                    .append(task.lowerIsBetter() ? " (lower is better)" : "").append("\n\n");
            md.append("| rank | model | value | tier | date | notes |\n|---|---|---|---|---|---|\n");
            for (Row row : task.rows()) {
                var best = row.best();
                md.append("| ").append(row.rank()).append(" | ").append(Markdown.text(row.modelRepo())).append(" | ")
                        .append(new BigDecimal(Double.toString(best.value())).stripTrailingZeros().toPlainString())
                        .append(" | ").append(best.tier().label()).append(" | ")
                        .append(best.effectiveDate().toString(), 0, 10).append(" | ")
                        .append(best.notes() == null ? "" : Markdown.text(best.notes())).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
