package dev.evalbot.app.server;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body with a hard cap, so that no client can make the server buffer more. */
public final class RequestBodies {
    /** Largest declared length read into an array allocated up front. */
    private static final int PRESIZED = 1 << 20;

    private RequestBodies() {}

    /** The body, or empty when it is larger than {@code max} bytes (declared or actual). */
    public static Optional<byte[]> read(Context ctx, int max) throws IOException {
        return read(ctx.req(), max);
    }

    /** The body, or empty when it is larger than {@code max} bytes (declared or actual). */
    public static Optional<byte[]> read(HttpServletRequest req, int max) throws IOException {
        long declared = req.getContentLengthLong();
        if (declared > max) {
            return Optional.empty();
        }
        try (InputStream in = req.getInputStream()) {
            if (declared >= 0 && declared <= PRESIZED) {
                // The usual case: read straight into an array of the declared size, with no growing
                // buffers and no copy (Jetty ends the stream at the declared length). Only for sizes a
                // webhook has: a client that declares megabytes and sends nothing gets no big array.
                byte[] body = new byte[(int) declared];
                int n = in.readNBytes(body, 0, body.length);
                return Optional.of(n == body.length ? body : java.util.Arrays.copyOf(body, n));
            }
            byte[] body = in.readNBytes(max + 1);
            return body.length > max ? Optional.empty() : Optional.of(body);
        }
    }
}
