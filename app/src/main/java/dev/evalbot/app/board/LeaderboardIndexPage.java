package dev.evalbot.app.board;

import dev.evalbot.rules.board.BoardSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The list of leaderboards ({@code GET /leaderboards}): per benchmark its task count, model count
 * and last change, sortable by column with the same inline script as the boards. Send it with
 * {@link PageAssets#PAGE_HEADERS}.
 */
public final class LeaderboardIndexPage {
    public String render(List<BoardSummary> boards) {
        return render(boards, Map.of());
    }

    /** @param names display names by benchmark id (from eval.yaml); ids without one show the id alone */
    public String render(List<BoardSummary> boards, Map<String, String> names) {
        StringBuilder html = new StringBuilder(2048 + boards.size() * 256);
        html.append(PageAssets.head("Leaderboards · evalbot")).append("<body>\n<header>\n<h1>Leaderboards</h1>\n")
                .append("<p class=\"meta\">").append(boards.size()).append(boards.size() == 1 ? " benchmark" : " benchmarks")
                .append(" · <a href=\"").append(BoardPaths.API_INDEX).append("\">JSON</a></p>\n</header>\n<main>\n");
        if (boards.isEmpty()) {
            html.append("<p>No results yet.</p>\n");
        } else {
            html.append("<table class=\"sortable\">\n<thead><tr>")
                    .append("<th scope=\"col\" data-sort=\"text\" aria-sort=\"ascending\">Benchmark</th>")
                    .append("<th scope=\"col\" class=\"num\" data-sort=\"num\">Tasks</th>")
                    .append("<th scope=\"col\" class=\"num\" data-sort=\"num\">Models</th>")
                    .append("<th scope=\"col\" data-sort=\"text\">Last change</th></tr></thead>\n<tbody>\n");
            for (BoardSummary b : boards.stream().sorted(Comparator.comparing(BoardSummary::benchmarkId)).toList()) {
                String name = names.get(b.benchmarkId());
                html.append("<tr><td data-v=\"").append(Html.text(b.benchmarkId())).append("\"><a href=\"")
                        .append(Html.text(BoardPaths.page(b.benchmarkId()))).append("\"><bdi>")
                        .append(Html.text(name != null ? name : b.benchmarkId())).append("</bdi></a>");
                if (name != null) {
                    html.append(" <span class=\"id\">").append(Html.text(b.benchmarkId())).append("</span>");
                }
                html.append("</td><td class=\"num\">").append(b.tasks()).append("</td><td class=\"num\">")
                        .append(b.models()).append("</td><td data-v=\"").append(Formats.instant(b.lastChange()))
                        .append("\">").append(Formats.time(b.lastChange())).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        return html.append("</main>\n").append(PageAssets.script()).append("</body>\n</html>\n").toString();
    }
}
