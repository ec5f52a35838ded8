package dev.evalbot.app.board;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * How the Hub-shaped API answers: evalbot's JSON headers, CORS (the data is public; a dashboard in a
 * browser reads it from another origin), a strong ETag with 304 on a match, and errors in the shape
 * the Hub's client reports.
 */
final class HubReplies {
    static final Map<String, String> CORS_HEADERS = Map.of("Access-Control-Allow-Origin", "*",
            "Access-Control-Expose-Headers", "ETag");
    static final Map<String, String> HEADERS = withCors(PageAssets.JSON_HEADERS);

    private static Map<String, String> withCors(Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putAll(CORS_HEADERS);
        return Map.copyOf(all);
    }

    private HubReplies() {}

    static void send(Context ctx, BoardService.Rendered rendered) {
        BoardRoutes.send(ctx, rendered, HEADERS);
    }

    /** As the Hub answers a repository that is not there: the client raises RepositoryNotFoundError. */
    static void repoNotFound(Context ctx, String body) {
        error(ctx, HttpStatus.NOT_FOUND, "RepoNotFound", body);
    }

    /**
     * @param code the Hub's {@code X-Error-Code}, or null
     * @param body {@code {"error": message}}: the client puts the message in the error it raises
     */
    static void error(Context ctx, HttpStatus status, String code, String body) {
        PageAssets.JSON_HEADERS.forEach(ctx::header);
        CORS_HEADERS.forEach(ctx::header);
        if (code != null) {
            ctx.header("X-Error-Code", code);
        }
        ctx.status(status).result(body);
    }
}
