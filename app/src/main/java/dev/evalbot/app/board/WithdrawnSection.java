package dev.evalbot.app.board;

import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.FacetParser;
import dev.evalbot.rules.board.Withdrawal;
import java.util.List;

/**
 * The "Withdrawn" list under a task's table: every closed, rejected or hidden report with who
 * withdrew it, when and why, collapsed by default. Withdrawing a score is allowed; doing it
 * unseen is not.
 */
final class WithdrawnSection {
    private WithdrawnSection() {}

    static void render(StringBuilder html, List<Withdrawal> withdrawn, FacetParser facets, ModelLinks links,
            int max) {
        if (withdrawn.isEmpty()) {
            return;
        }
        html.append("<details class=\"withdrawn\"><summary>Withdrawn (").append(withdrawn.size())
                .append("): closed, rejected or hidden, not ranked</summary>\n<table class=\"withdrawn-list\">\n")
                .append("<thead><tr><th scope=\"col\">Model</th><th scope=\"col\" class=\"num\">Value</th>")
                .append("<th scope=\"col\">Tier</th><th scope=\"col\">What</th><th scope=\"col\">By</th>")
                .append("<th scope=\"col\">When</th><th scope=\"col\">Reason</th><th scope=\"col\">Notes</th>")
                .append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(withdrawn.size(), max);
        for (Withdrawal w : withdrawn.subList(0, shown)) {
            BoardEntry e = w.entry();
            html.append("<tr data-kind=\"").append(w.kind().label()).append("\"><td>")
                    .append(links.name(e.platform(), e.modelRepo())).append("</td><td class=\"num\">")
                    .append(Html.text(Formats.value(e.value()))).append("</td><td>").append(LeaderboardPage.badge(e))
                    .append("</td><td class=\"kind\">").append(Html.text(what(w))).append("</td><td>")
                    .append(w.by() == null ? "<span class=\"meta\">not recorded</span>"
                            : "<bdi>" + Html.text(w.by()) + "</bdi>")
                    .append("</td><td>").append(Formats.time(w.at())).append("</td><td><bdi>")
                    .append(Html.text(w.reason())).append("</bdi></td><td class=\"notes\">")
                    .append(LeaderboardPage.chips(facets.parse(e.notes()))).append("<bdi>").append(Html.text(e.notes()))
                    .append("</bdi></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (shown < withdrawn.size()) {
            html.append("<p class=\"meta\">Showing the newest ").append(shown).append(" of ").append(withdrawn.size())
                    .append("; the JSON API lists them all.</p>\n");
        }
        html.append("</details>\n");
    }

    /** What happened, in words: a close by the model's owner says so. */
    static String what(Withdrawal w) {
        String pr = w.entry().prNumber() == 0 ? "" : " (PR #" + w.entry().prNumber() + ")";
        return switch (w.kind()) {
            case REJECTED -> "rejected by a maintainer" + pr;
            case HIDDEN -> "hidden by a maintainer" + pr;
            case CLOSED -> switch (w.closedBy()) {
                case OWNER -> "PR closed by the model's owner, not its submitter" + pr;
                case SUBMITTER -> "PR closed by its submitter" + pr;
                default -> "PR closed without merging" + pr;
            };
        };
    }
}
