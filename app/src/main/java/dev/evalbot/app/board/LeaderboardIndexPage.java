package dev.evalbot.app.board;

import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.rules.board.BoardSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The list of leaderboards ({@code GET /leaderboards}): per benchmark its leader, task count,
 * model count and last change, sorted by the name shown (case-insensitively), sortable by column
 * with the same inline script as the boards. Send it with {@link PageAssets#PAGE_HEADERS}.
 */
public final class LeaderboardIndexPage {
    private final ModelLinks links;

    public LeaderboardIndexPage(KnownPlatforms platforms) {
        this.links = new ModelLinks(platforms);
    }

    public String render(List<BoardSummary> boards) {
        return render(boards, Map.of());
    }

    /** @param names display names by benchmark id (from eval.yaml); ids without one show the id alone */
    public String render(List<BoardSummary> boards, Map<String, String> names) {
        return renderListings(boards.stream().map(b -> new BoardListing(b.benchmarkId(),
                names.getOrDefault(b.benchmarkId(), b.benchmarkId()), b, null, null)).toList());
    }

    public String renderListings(List<BoardListing> boards) {
        StringBuilder html = new StringBuilder(2048 + boards.size() * 384);
        html.append(PageAssets.head("Leaderboards · evalbot")).append("<body>\n<header>\n<h1>Leaderboards</h1>\n")
                .append("<p class=\"meta\">").append(boards.size()).append(boards.size() == 1 ? " benchmark" : " benchmarks")
                .append(" · <a href=\"").append(BoardPaths.API_INDEX).append("\">JSON</a></p>\n</header>\n<main>\n");
        if (boards.isEmpty()) {
            html.append("<p>No results yet.</p>\n");
        } else {
            html.append("<table class=\"sortable\">\n<thead><tr>")
                    .append("<th scope=\"col\" data-sort=\"text\" aria-sort=\"ascending\">Benchmark</th>")
                    .append("<th scope=\"col\" data-sort=\"text\">Leader</th>")
                    .append("<th scope=\"col\" class=\"num\" data-sort=\"num\">Tasks</th>")
                    .append("<th scope=\"col\" class=\"num\" data-sort=\"num\">Models</th>")
                    .append("<th scope=\"col\" data-sort=\"text\">Last change</th></tr></thead>\n<tbody>\n");
            for (BoardListing b : boards.stream().sorted(BoardListing.BY_NAME).toList()) {
                // The sort key is the shown name, lowercased, so that the script sorts as the server does.
                html.append("<tr><td data-v=\"").append(Html.text(b.name().toLowerCase(Locale.ROOT))).append("\"><a href=\"")
                        .append(Html.text(BoardPaths.page(b.benchmarkId()))).append("\"><bdi>")
                        .append(Html.text(b.name())).append("</bdi></a>");
                if (b.named()) {
                    html.append(" <span class=\"id\">").append(Html.text(b.benchmarkId())).append("</span>");
                }
                html.append("</td>");
                leader(html, b);
                if (b.summary() == null) {
                    html.append("<td class=\"num\" data-v=\"\">…</td><td class=\"num\" data-v=\"\">…</td>"
                            + "<td data-v=\"\">…</td></tr>\n");
                    continue;
                }
                BoardSummary s = b.summary();
                html.append("<td class=\"num\">").append(s.tasks()).append("</td><td class=\"num\">")
                        .append(s.models()).append("</td><td data-v=\"").append(Formats.instant(s.lastChange()))
                        .append("\">").append(Formats.time(s.lastChange())).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        return html.append("</main>\n").append(PageAssets.script()).append("</body>\n</html>\n").toString();
    }

    private void leader(StringBuilder html, BoardListing b) {
        if (b.leader() == null) {
            html.append("<td data-v=\"\">").append(b.summary() == null ? "…" : "—").append("</td>");
            return;
        }
        html.append("<td data-v=\"").append(Html.text(b.leader().modelRepo().toLowerCase(Locale.ROOT))).append("\">")
                .append(links.name(b.leader().best().platform(), b.leader().modelRepo())).append(' ')
                .append(Html.text(Formats.value(b.leader().value()))).append(' ')
                .append(LeaderboardPage.badge(b.leader().best()));
        if (b.summary().tasks() > 1) {
            html.append(" <span class=\"id\">on <bdi>").append(Html.text(b.leaderTask())).append("</bdi></span>");
        }
        html.append("</td>");
    }
}
