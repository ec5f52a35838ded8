package dev.evalbot.app.board;

import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.evalbot.rules.board.FacetParser;
import dev.evalbot.rules.board.Facets;
import dev.evalbot.rules.board.ProviderSpread;
import dev.evalbot.rules.board.Withdrawal;

/**
 * The HTML page of one benchmark ({@code GET /leaderboards/{owner}/{name}}): per task a chart of
 * the top score over time and a table (rank, model, value, tier, date, source, notes), each row
 * expandable to the model's other reports. Fully readable without JavaScript ({@code <details>}
 * expands natively); the inline script only adds column sorting and the tier filter.
 *
 * <p>Pure: the page is a function of the board, so it can be rendered once per change and
 * cached. Send it with {@link PageAssets#PAGE_HEADERS}. Every string from a PR is escaped and
 * only https sources become links.
 */
public final class LeaderboardPage {
    /** The policy to send with the page; see {@link PageAssets}. */
    public static final String CONTENT_SECURITY_POLICY = PageAssets.CONTENT_SECURITY_POLICY;

    private final ModelLinks links;
    private final PageLimits limits;
    private final FacetParser facets;
    /** Absolute base of badge URLs in the Markdown; null: the page's own origin, filled in by the script. */
    private final String publicUrl;

    public LeaderboardPage(KnownPlatforms platforms, PageLimits limits, FacetParser facets, String publicUrl) {
        this.links = new ModelLinks(platforms);
        this.limits = limits;
        this.facets = facets;
        this.publicUrl = publicUrl;
    }

    /**
     * @param benchmark the benchmark's definition for its name and description, or null to show
     *     the id only
     */
    public String render(Leaderboard board, Benchmark benchmark) {
        return render(board, benchmark, Map.of());
    }

    /** @param withdrawn reports off each task's leaderboard, by task id, newest first */
    public String render(Leaderboard board, Benchmark benchmark, Map<String, List<Withdrawal>> withdrawn) {
        return render(board, benchmark, withdrawn, BoardQuery.first(limits.maxRowsPerTask()));
    }

    /**
     * One page of the board: every task's rows from the query's cursor (or the one task it names),
     * those whose model matches its search, each with its board-wide rank, and a link to the next
     * page. The chart and the withdrawn reports come with the first page only.
     */
    public String render(Leaderboard board, Benchmark benchmark, Map<String, List<Withdrawal>> withdrawn,
            BoardQuery query) {
        String name = benchmark != null && benchmark.name() != null ? benchmark.name() : board.benchmarkId();
        List<TaskBoard> tasks = query.task() == null ? board.tasks() : board.task(query.task()).stream().toList();
        StringBuilder html = new StringBuilder(8192);
        html.append(PageAssets.head(name + " leaderboard · evalbot")).append("<body>\n<header>\n")
                .append("<p><a href=\"").append(BoardPaths.INDEX).append("\">All leaderboards</a></p>\n")
                .append("<h1><bdi>").append(Html.text(name)).append("</bdi></h1>\n")
                .append("<p class=\"id\">").append(Html.text(board.benchmarkId())).append("</p>\n");
        if (benchmark != null && benchmark.description() != null) {
            html.append("<p>").append(Html.text(benchmark.description().strip())).append("</p>\n");
        }
        html.append("<p class=\"meta\">").append(board.models()).append(board.models() == 1 ? " model" : " models")
                .append(" · last change ").append(Formats.time(board.lastChange()))
                .append(" · <a href=\"").append(Html.text(BoardPaths.api(board.benchmarkId())))
                .append("\">JSON</a></p>\n");
        search(html, board.benchmarkId(), query);
        html.append("</header>\n");
        if (tasks.size() > 1) {
            html.append("<nav><ul>\n");
            for (int i = 0; i < tasks.size(); i++) {
                html.append("<li><a href=\"#task-").append(i + 1).append("\"><bdi>")
                        .append(Html.text(tasks.get(i).taskId())).append("</bdi></a></li>\n");
            }
            html.append("</ul></nav>\n");
        }
        html.append(tierFilter()).append("<main>\n");
        for (int i = 0; i < tasks.size(); i++) {
            TaskBoard t = tasks.get(i);
            task(html, board.benchmarkId(), TaskPage.of(t, query), query, i + 1,
                    withdrawn.getOrDefault(t.taskId(), List.of()));
        }
        html.append("</main>\n<footer><p class=\"meta\">Equal values share a rank. Each model shows its most "
                + "trusted report (verified, then author, then community), the newest first within a tier; its "
                + "other reports are listed under \"more reports\". Closed, rejected and hidden reports are listed "
                + "under \"Withdrawn\" with who withdrew them and why; they are not ranked. Chips are read from the "
                + "notes.</p></footer>\n")
                .append(PageAssets.script()).append("</body>\n</html>\n");
        return html.toString();
    }

    /** The model search, answered by the server (a board may hold far more models than a page). */
    private static void search(StringBuilder html, String benchmarkId, BoardQuery query) {
        html.append("<form class=\"search\" method=\"get\" role=\"search\" action=\"")
                .append(Html.text(BoardPaths.page(benchmarkId))).append("\">");
        if (query.task() != null) {
            html.append("<input type=\"hidden\" name=\"task\" value=\"").append(Html.text(query.task())).append("\">");
        }
        html.append("<label>Model <input type=\"search\" name=\"q\" maxlength=\"").append(BoardQuery.MAX_SEARCH_CHARS)
                .append("\" value=\"").append(query.search() == null ? "" : Html.text(query.search()))
                .append("\"></label> <button type=\"submit\">Search</button>");
        if (query.search() != null || query.task() != null || query.cursor() != null) {
            html.append(" <a href=\"").append(Html.text(BoardPaths.page(benchmarkId))).append("\">all models</a>");
        }
        html.append("</form>\n");
    }

    private static String tierFilter() {
        StringBuilder f = new StringBuilder("<fieldset id=\"tier-filter\" hidden>\n<legend>Show tiers</legend>\n");
        for (Tier t : Tier.values()) {
            f.append("<label><input type=\"checkbox\" value=\"").append(t.label()).append("\" checked> ")
                    .append(t.label()).append("</label>\n");
        }
        return f.append("</fieldset>\n").toString();
    }

    private void task(StringBuilder html, String benchmarkId, TaskPage page, BoardQuery query, int n,
            List<Withdrawal> withdrawn) {
        TaskBoard task = page.task();
        boolean first = query.cursor() == null && query.search() == null;
        html.append("<section class=\"task\" id=\"task-").append(n).append("\">\n<h2><bdi>")
                .append(Html.text(task.taskId())).append("</bdi></h2>\n<p class=\"meta\">")
                .append(task.lowerIsBetter() ? "Lower is better" : "Higher is better").append(" · ")
                .append(task.rows().size()).append(task.rows().size() == 1 ? " model · " : " models · ");
        for (Tier t : Tier.values()) {
            html.append(task.count(t)).append(' ').append(t.label()).append(", ");
        }
        html.setLength(html.length() - 2);
        html.append(task.reports() == 1 ? " report" : " reports");
        if (task.excluded() > 0) {
            html.append(" · ").append(task.excluded()).append(" excluded");
        }
        html.append(" · last change ").append(Formats.time(task.lastChange())).append("</p>\n");
        if (task.rows().isEmpty()) {
            html.append("<p>No report on this leaderboard.</p>\n");
            WithdrawnSection.render(html, withdrawn, facets, links, limits.maxRowsPerTask());
            html.append("</section>\n");
            return;
        }
        if (first) {
            html.append(ScoreChart.render(task, "chart-" + n));
        }
        html.append(FacetFilter.render(page.rows(), facets));
        if (page.rows().isEmpty()) {
            html.append("<p>No model matches <q><bdi>").append(Html.text(query.search() == null ? "" : query.search()))
                    .append("</bdi></q> on this task.</p>\n");
        } else {
            html.append("<table class=\"board sortable\">\n<thead><tr>")
                    .append("<th scope=\"col\" class=\"num\" data-sort=\"num\" aria-sort=\"ascending\">Rank</th>")
                    .append("<th scope=\"col\" data-sort=\"text\">Model</th>")
                    .append("<th scope=\"col\" class=\"num\" data-sort=\"num\">Value</th>")
                    .append("<th scope=\"col\" data-sort=\"num\">Tier</th>")
                    .append("<th scope=\"col\" data-sort=\"text\">Date</th>")
                    .append("<th scope=\"col\">Source</th><th scope=\"col\">Notes</th></tr></thead>\n<tbody>\n");
            for (Row row : page.rows()) {
                row(html, benchmarkId, task.taskId(), row);
            }
            html.append("</tbody>\n</table>\n");
        }
        pager(html, benchmarkId, page, query);
        if (first) {
            WithdrawnSection.render(html, withdrawn, facets, links, limits.maxRowsPerTask());
        }
        html.append("</section>\n");
    }

    /** Where this page is among the task's models, and the link to the next page. */
    private void pager(StringBuilder html, String benchmarkId, TaskPage page, BoardQuery query) {
        boolean start = query.cursor() == null;
        if (start && page.nextCursor() == null && query.search() == null) {
            return;
        }
        html.append("<p class=\"meta pager\">");
        if (query.search() != null) {
            html.append(page.matching()).append(page.matching() == 1 ? " model matches" : " models match")
                    .append(" of ").append(page.total()).append(page.nextCursor() != null || !start ? " · " : "");
        } else if (start) {
            html.append("Showing the first ").append(page.rows().size()).append(" of ").append(page.total())
                    .append(" models · ");
        } else if (!page.rows().isEmpty()) {
            html.append("Showing ranks ").append(page.rows().get(0).rank()).append("–")
                    .append(page.rows().get(page.rows().size() - 1).rank()).append(" of ").append(page.total())
                    .append(" models · ");
        }
        if (!start) {
            html.append("<a href=\"").append(Html.text(BoardLinks.page(benchmarkId, page.task().taskId(), null,
                    query))).append("\">first page</a>").append(page.nextCursor() != null ? " · " : "");
        }
        if (page.nextCursor() != null) {
            html.append("<a rel=\"next\" href=\"").append(Html.text(BoardLinks.page(benchmarkId, page.task().taskId(),
                    page.nextCursor(), query))).append("\">next ").append(query.limit()).append(" →</a>");
        }
        html.append("</p>\n");
    }

    private void row(StringBuilder html, String benchmarkId, String taskId, Row row) {
        BoardEntry best = row.best();
        Facets f = facets.parse(best.notes());
        html.append("<tr data-tier=\"").append(best.tier().label()).append("\" data-facets=\"")
                .append(Html.text(String.join(" ", f.keys()))).append("\">")
                .append("<td class=\"num\" data-v=\"").append(row.rank()).append("\">").append(row.rank()).append("</td>")
                .append("<td data-v=\"").append(Html.text(row.modelRepo())).append("\">")
                .append(links.name(best.platform(), row.modelRepo()));
        if (!links.home(best.platform())) {
            html.append(" <span class=\"platform\">").append(Html.text(best.platform())).append("</span>");
        }
        // The providers themselves are in the JSON and the variants' chips; a page of 100 rows stays small.
        ProviderSpread.of(row, facets).ifPresent(sp -> html.append("<div class=\"spread\">across ")
                .append(sp.providers().size()).append(" providers: ").append(Html.text(Formats.value(sp.min())))
                .append("–").append(Html.text(Formats.value(sp.max()))).append("</div>"));
        others(html, best, row.others(), benchmarkId, taskId, row.modelRepo());
        badge(html, best.platform(), row.modelRepo(), benchmarkId, taskId);
        String shown = Formats.value(best.value());
        String key = Formats.sortKey(best.value());
        // The script sorts by the cell's text when it has no data-v: written only when they differ.
        html.append("</td><td class=\"num\"").append(key.equals(shown) ? "" : " data-v=\"" + key + "\"").append(">")
                .append(shown).append("</td>")
                .append("<td data-v=\"").append(best.tier().ordinal()).append("\">").append(badge(best)).append("</td>")
                .append("<td data-v=\"").append(Formats.shortInstant(best.effectiveDate())).append("\">")
                .append(Formats.shortTime(best.effectiveDate())).append("</td>")
                .append("<td>").append(Html.link(best.sourceUrl(), best.sourceName())).append(attribution(best))
                .append(revision(best)).append("</td>")
                .append("<td class=\"notes\">").append(chips(f)).append("<bdi>").append(Html.text(best.notes()))
                .append("</bdi></td></tr>\n");
    }

    /** Who the source attributes the result to, beside the source. */
    private static String attribution(BoardEntry e) {
        return e.attribution() == null || e.attribution().isBlank() ? ""
                : " <span class=\"by\">by <bdi>" + Html.text(e.attribution()) + "</bdi></span>";
    }

    /**
     * The benchmark dataset's revision the result was scored on ({@code dataset.revision}), linked
     * to the dataset's files at that revision; a commit sha is shortened to 7 characters, whole in
     * the tooltip.
     */
    static String revision(BoardEntry e) {
        String rev = e.revision() == null ? null : e.revision().trim();
        if (rev == null || rev.isEmpty()) {
            return "";
        }
        String shown = rev.matches("[0-9a-fA-F]{8,40}") ? rev.substring(0, 7) : rev;
        String url = DatasetLinks.tree(e.datasetId(), rev);
        String code = "<code title=\"" + Html.text(rev) + "\"><bdi>" + Html.text(shown) + "</bdi></code>";
        return " <span class=\"rev\">dataset @ " + (url == null ? code : "<a href=\"" + Html.text(url)
                + "\" rel=\"nofollow ugc noopener noreferrer\">" + code + "</a>") + "</span>";
    }

    static String chips(Facets f) {
        StringBuilder out = new StringBuilder();
        for (String chip : f.chips()) {
            out.append("<span class=\"chip\">").append(Html.text(chip)).append("</span>");
        }
        return out.toString();
    }

    /** The badge and the Markdown to paste into a model card. */
    private void badge(StringBuilder html, String platform, String model, String benchmarkId, String taskId) {
        String path = Badges.path(model, benchmarkId, taskId) + (links.home(platform) ? "" : "?platform="
                + ModelLinks.segment(platform));
        String base = publicUrl == null ? "" : publicUrl;
        String page = base + BoardPaths.page(benchmarkId);
        // Markdown link text and URLs: brackets and parentheses in ids would end them early.
        String alt = (benchmarkId + " " + taskId).replaceAll("[\\[\\]()]", "");
        String markdown = "[![" + alt + "](" + base + path + ")](" + page + ")";
        html.append("<details class=\"badge\"><summary>badge</summary><img src=\"").append(Html.text(path))
                .append("\" alt=\"").append(Html.text(alt)).append("\" ><code class=\"badge-md\"")
                .append(publicUrl == null ? " data-relative" : "").append(">").append(Html.text(markdown))
                .append("</code></details>");
    }

    /** The model's other reports (its variants), side by side in a small table. */
    private static boolean sameSource(BoardEntry e, BoardEntry shown) {
        return e.sourceUrl() != null && Objects.equals(e.sourceUrl(), shown.sourceUrl())
                && Objects.equals(e.sourceName(), shown.sourceName()) && Objects.equals(e.attribution(), shown.attribution());
    }

    private void others(StringBuilder html, BoardEntry best, List<BoardEntry> others, String benchmarkId, String taskId,
            String model) {
        if (others.isEmpty()) {
            return;
        }
        html.append("<details><summary>").append(others.size())
                .append(others.size() == 1 ? " more report" : " more reports").append("</summary><table class=\"variants\">");
        int shown = Math.min(others.size(), limits.maxOthersPerRow());
        for (BoardEntry e : others.subList(0, shown)) {
            html.append("<tr><td class=\"num\">").append(Html.text(Formats.value(e.value()))).append("</td><td>")
                    .append(e.prNumber() == best.prNumber() ? plainBadge(e) : badge(e)).append("</td><td>")
                    .append(Formats.shortTime(e.effectiveDate())).append("</td><td>")
                    .append(chips(facets.parse(e.notes())));
            if (e.notes() != null && !e.notes().isBlank()) {
                html.append("<bdi>").append(Html.text(e.notes())).append("</bdi>");
            }
            html.append("</td><td>");
            if (sameSource(e, best)) {
                // Variants usually cite the model card again: said in two words, the page stays small.
                html.append("same source");
            } else if (e.sourceUrl() != null || e.sourceName() != null) {
                html.append(Html.link(e.sourceUrl(), e.sourceName())).append(attribution(e));
            }
            html.append(revision(e));
            html.append("</td></tr>");
        }
        html.append("</table>");
        if (shown < others.size()) {
            html.append("<p class=\"meta\">and <a href=\"").append(Html.text(BoardLinks.api(benchmarkId, taskId, null,
                    new BoardQuery(taskId, null, PageLimits.DEFAULT.maxRowsPerTask(), model),
                    PageLimits.DEFAULT.maxRowsPerTask()))).append("\">").append(others.size() - shown)
                    .append(" more in the JSON API</a></p>");
        }
        html.append("</details>");
    }

    /** The tier badge of a variant from the shown report's own pull request: its tooltip would repeat the row's. */
    private static String plainBadge(BoardEntry e) {
        return marks(e, "<span class=\"tier tier-" + e.tier().label() + "\">" + e.tier().label() + "</span>");
    }

    /** The tier badge; its tooltip says which PR the report came from. */
    static String badge(BoardEntry e) {
        String origin = e.prNumber() == 0 ? "on the main branch"
                : "from PR #" + e.prNumber() + (e.prState() == PrState.OPEN ? " (open)" : " (merged)");
        return marks(e, "<span class=\"tier tier-" + e.tier().label() + "\" title=\"" + Html.text(origin) + "\">"
                + e.tier().label() + "</span>");
    }

    /** The marks beside a tier badge: log-checked, approved. */
    private static String marks(BoardEntry e, String tierBadge) {
        String badge = tierBadge;
        if (e.logChecked() && e.tier() != Tier.VERIFIED) {
            badge += " <span class=\"log-checked\" title=\"the evaluation log its source cites agrees with it\">"
                    + "log-checked</span>";
        }
        return e.approved() ? badge + " <span class=\"approved\" title=\"approved by a maintainer\">approved</span>"
                : badge;
    }
}
