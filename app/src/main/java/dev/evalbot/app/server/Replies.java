package dev.evalbot.app.server;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes a small JSON reply straight to the servlet response. */
public final class Replies {
    private Replies() {}

    public static void write(HttpServletResponse res, int status, byte[] json) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.setContentLength(json.length);
        res.getOutputStream().write(json);
    }
}
