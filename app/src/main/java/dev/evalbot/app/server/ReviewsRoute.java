package dev.evalbot.app.server;

import dev.evalbot.app.event.KnownPlatforms;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /reviews/{owner}/{repo}/{number}}: the latest stored review, as the Markdown the
 * bot posted (or JSON with {@code ?format=json}). Open in dry-run, where it is how a user sees
 * the bot work; otherwise only with the admin token, since reviews of private repos are private.
 */
public final class ReviewsRoute implements Handler {
    /** The stored review: Markdown and JSON, or empty. */
    public interface Source {
        Optional<String[]> latest(String platform, String repo, int number);
    }

    private final KnownPlatforms platforms;
    private final Source source;
    private final boolean open;
    private final String adminToken;

    /** @param platforms the first is the one {@code ?platform=} means when it is not given */
    public ReviewsRoute(KnownPlatforms platforms, Source source, boolean open, String adminToken) {
        this.platforms = platforms;
        this.source = source;
        this.open = open;
        this.adminToken = adminToken;
    }

    @Override
    public void handle(Context ctx) {
        if (!open && !authorized(ctx.header("Authorization"), adminToken)) {
            ctx.status(HttpStatus.UNAUTHORIZED).result("admin token required");
            return;
        }
        int number;
        try {
            number = Integer.parseInt(ctx.pathParam("number"));
        } catch (NumberFormatException e) {
            ctx.status(HttpStatus.BAD_REQUEST).result("number must be a pull request number");
            return;
        }
        String platform = Optional.ofNullable(ctx.queryParam("platform")).orElse(platforms.first().code());
        String repo = ctx.pathParam("owner") + "/" + ctx.pathParam("repo");
        Optional<String[]> review = source.latest(platform, repo, number);
        if (review.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("no review of " + platform + ":" + repo + "#" + number + " yet");
            return;
        }
        if ("json".equals(ctx.queryParam("format"))) {
            ctx.contentType("application/json").result(review.get()[1]);
        } else {
            ctx.contentType("text/markdown; charset=utf-8").result(review.get()[0]);
        }
    }

    /** Constant-time check of {@code Authorization: Bearer TOKEN}. */
    public static boolean authorized(String header, String token) {
        if (token == null || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
