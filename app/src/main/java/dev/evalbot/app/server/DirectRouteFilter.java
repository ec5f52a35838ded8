package dev.evalbot.app.server;

import dev.evalbot.app.store.StoreUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Serves a {@link DirectRoute}'s POSTs on its path; every other request goes on to Javalin. */
final class DirectRouteFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private final transient DirectRoute route;

    DirectRouteFilter(DirectRoute route) {
        this.route = route;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(req.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        try {
            route.handle(req, res);
        } catch (StoreUnavailableException e) {
            answer(res, HttpServletResponse.SC_SERVICE_UNAVAILABLE, EvalbotServer.answerStoreUnavailable(e));
        } catch (IOException | RuntimeException e) {
            answer(res, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    EvalbotServer.answerUnexpected(req.getMethod(), req.getRequestURI(), e));
        }
    }

    private static void answer(HttpServletResponse res, int status, String body) throws IOException {
        if (res.isCommitted()) {
            return; // the route already answered; nothing more can be said
        }
        res.reset();
        Replies.write(res, status, body.getBytes(StandardCharsets.UTF_8));
    }
}
