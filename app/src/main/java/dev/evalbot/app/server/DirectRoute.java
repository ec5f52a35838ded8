package dev.evalbot.app.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A POST route that works on the servlet request and response themselves. {@link EvalbotServer}
 * serves it from a servlet filter ahead of Javalin, so a webhook's request does not go through
 * Javalin's per-request context, routing and result copy (a sixth of a webhook thread's CPU in a
 * profile of the intake). Other methods on the same path still reach Javalin, which answers them
 * as before. It stays a Javalin {@link Handler} too, for any caller that mounts it there.
 *
 * <p>An exception it throws is answered as Javalin's exception mappers answer it (503 when the
 * store is unavailable, 500 otherwise).
 */
public interface DirectRoute extends Handler {
    void handle(HttpServletRequest req, HttpServletResponse res) throws IOException;

    @Override
    default void handle(Context ctx) throws IOException {
        handle(ctx.req(), ctx.res());
    }
}
