package dev.evalbot.app.board;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The leaderboard routes: {@code GET /leaderboards}, {@code /leaderboards/{owner}/{name}},
 * {@code /api/leaderboards} and {@code /api/leaderboards/{owner}/{name}}. Served from the rendered
 * cache with a strong ETag; a matching {@code If-None-Match} gets 304 and no body.
 */
public final class BoardRoutes {
    private final BoardService boards;

    public BoardRoutes(BoardService boards) {
        this.boards = boards;
    }

    public Handler index() {
        return ctx -> send(ctx, boards.indexPage(), PageAssets.PAGE_HEADERS);
    }

    public Handler indexJson() {
        return ctx -> send(ctx, boards.indexJson(), PageAssets.JSON_HEADERS);
    }

    /** {@code ?task=&cursor=&limit=&q=}: one page of the board (see {@link BoardQuery}). */
    public Handler page() {
        return ctx -> paged(ctx, boards::page, PageAssets.PAGE_HEADERS);
    }

    /** The same pages as JSON. */
    public Handler json() {
        return ctx -> paged(ctx, boards::json, PageAssets.JSON_HEADERS);
    }

    private static void paged(Context ctx, BiFunction<String, BoardQuery, Optional<BoardService.Rendered>> lookup,
            Map<String, String> headers) {
        BoardQuery query;
        try {
            query = BoardQuery.parse(ctx.queryParam("task"), ctx.queryParam("cursor"), ctx.queryParam("limit"),
                    ctx.queryParam("q"), PageLimits.DEFAULT);
        } catch (BoardQuery.BadQuery e) {
            ctx.status(HttpStatus.BAD_REQUEST).contentType("text/plain; charset=utf-8").result(e.getMessage());
            return;
        }
        String id = ctx.pathParam("owner") + "/" + ctx.pathParam("name");
        Optional<BoardService.Rendered> rendered = lookup.apply(id, query);
        if (rendered.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("no leaderboard for " + id
                    + (query.task() == null ? "" : " with a task '" + query.task() + "'") + " yet");
            return;
        }
        send(ctx, rendered.get(), headers);
    }

    /**
     * {@code GET /badges/<path>}: the shields-style SVG badge of a model on a task (route it with a
     * slash-accepting parameter named {@code path}); {@code ?platform=hub|github} picks a platform.
     * An ETag and a short public cache, since badges are embedded in model cards and fetched often.
     */
    public Handler badge() {
        return ctx -> {
            Optional<Badges.Request> request = Badges.Request.parse(ctx.pathParam("path"));
            if (request.isEmpty()) {
                ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8")
                        .result("a badge is /badges/{owner}/{model}/{owner}/{benchmark}/{task}.svg");
                return;
            }
            Badges.Request r = request.get();
            String platform = ctx.queryParam("platform");
            var row = boards.leaderboard(r.benchmark()).flatMap(b -> Badges.row(b, r, platform, boards.links()));
            if (row.isEmpty()) {
                ctx.status(HttpStatus.NOT_FOUND);
            }
            BoardService.Rendered svg = BoardService.rendered(row.map(x -> Badges.svg(x, r)).orElseGet(() -> Badges.notFound(r)));
            ctx.header("Cache-Control", "public, max-age=300");
            PageAssets.BADGE_HEADERS.forEach(ctx::header);
            ctx.header("ETag", svg.etag());
            String match = ctx.header("If-None-Match");
            if (row.isPresent() && match != null && match.contains(svg.etag())) {
                ctx.status(HttpStatus.NOT_MODIFIED);
                return;
            }
            ctx.result(svg.bytes());
        };
    }

    private static void one(Context ctx, Function<String, Optional<BoardService.Rendered>> lookup,
            Map<String, String> headers) {
        String id = ctx.pathParam("owner") + "/" + ctx.pathParam("name");
        Optional<BoardService.Rendered> rendered = lookup.apply(id);
        if (rendered.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8")
                    .result("no leaderboard for " + id + " yet");
            return;
        }
        send(ctx, rendered.get(), headers);
    }

    /** The rendered bytes with their headers and strong ETag, or 304 when the client holds them. */
    static void send(Context ctx, BoardService.Rendered rendered, Map<String, String> headers) {
        headers.forEach(ctx::header);
        ctx.header("ETag", rendered.etag());
        ctx.header("Cache-Control", "no-cache");
        String match = ctx.header("If-None-Match");
        if (match != null && match.contains(rendered.etag())) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.result(rendered.bytes());
    }
}
