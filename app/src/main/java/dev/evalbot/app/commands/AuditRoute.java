package dev.evalbot.app.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.event.KnownPlatforms;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * {@code GET /api/audit?repo=OWNER/NAME[&platform=github|hub][&limit=N]}: the repository's
 * commands, newest first, for admins only ({@code Authorization: Bearer $EVALBOT_ADMIN_TOKEN}).
 * Without a configured token the route is disabled (404, saying so and how to enable it), so that
 * an unset secret never means "open".
 */
public final class AuditRoute implements Handler {
    public static final String PATH = "/api/audit";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}/[A-Za-z0-9._-]{1,100}");

    private final KnownPlatforms platforms;
    private final CommandAudit audit;
    private final byte[] tokenDigest;
    private final ObjectMapper json;

    /**
     * @param platforms those {@code &platform=} may name, the first when it names none
     * @param adminToken {@code EVALBOT_ADMIN_TOKEN}, or null when unset
     */
    public AuditRoute(KnownPlatforms platforms, CommandAudit audit, String adminToken, ObjectMapper json) {
        this.platforms = platforms;
        this.audit = audit;
        this.tokenDigest = adminToken == null || adminToken.isBlank() ? null : sha256(adminToken);
        this.json = json;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        if (tokenDigest == null) {
            answer(ctx, HttpStatus.NOT_FOUND, "the audit API is disabled: set EVALBOT_ADMIN_TOKEN to enable it");
            return;
        }
        if (!authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            answer(ctx, HttpStatus.UNAUTHORIZED, "missing or wrong bearer token");
            return;
        }
        String repo = ctx.queryParam("repo");
        String platform = ctx.queryParam("platform") == null ? platforms.first().code() : ctx.queryParam("platform");
        if (repo == null || !REPO.matcher(repo).matches() || !platforms.knows(platform)) {
            answer(ctx, HttpStatus.BAD_REQUEST, "expected ?repo=OWNER/NAME and optionally &platform="
                    + String.join("|", platforms.codes()));
            return;
        }
        int limit;
        try {
            limit = ctx.queryParam("limit") == null ? DEFAULT_LIMIT : Integer.parseInt(ctx.queryParam("limit"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            answer(ctx, HttpStatus.BAD_REQUEST, "limit must be 1.." + MAX_LIMIT);
            return;
        }
        ArrayNode out = json.createArrayNode();
        for (AuditEntry e : audit.byRepo(platform, repo, limit)) {
            ObjectNode o = out.addObject();
            o.put("actor", e.actor()).put("command", e.command()).put("args", e.args()).put("at", e.at().toString())
                    .put("platform", e.platform()).put("repo", e.repo()).put("number", e.number())
                    .put("outcome", e.outcome()).put("reason", e.reason());
        }
        ctx.status(HttpStatus.OK).contentType("application/json").result(json.writeValueAsString(out));
    }

    /** Compares digests so that the time taken says nothing about the token, not even its length. */
    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).strip()));
    }

    private void answer(Context ctx, HttpStatus status, String message) {
        ObjectNode body = json.createObjectNode().put("status", status.getCode()).put("message", message);
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
