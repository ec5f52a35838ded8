package dev.evalbot.app.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body with a hard cap, so that no client can make the server buffer more. */
public final class RequestBodies {
    private RequestBodies() {}

    /** The body, or empty when it is larger than {@code max} bytes (declared or actual). */
    public static Optional<byte[]> read(Context ctx, int max) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            return Optional.empty();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            return body.length > max ? Optional.empty() : Optional.of(body);
        }
    }
}
