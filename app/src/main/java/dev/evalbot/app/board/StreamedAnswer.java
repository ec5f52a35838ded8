package dev.evalbot.app.board;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A JSON answer written straight from the board to the response, so that a whole list of a large
 * board is never held as a second copy: a first pass digests it for its strong ETag (the same
 * digest as {@link BoardService#rendered}) and keeps the bytes only when they are small; a large
 * answer is written again per request (a 304 writes nothing). It holds no reference to the board.
 */
final class StreamedAnswer {
    /** The answer's bytes: writes the same bytes each time it runs. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private final String etag;
    /** The whole answer when it was at most the size kept, else null (written again per request). */
    private final byte[] bytes;

    private StreamedAnswer(String etag, byte[] bytes) {
        this.etag = etag;
        this.bytes = bytes;
    }

    /** Runs {@code writer} once to digest it; keeps the bytes when there are at most {@code keepBytes}. */
    static StreamedAnswer of(Writer writer, int keepBytes) {
        Capture capture = new Capture(keepBytes);
        try {
            writer.write(capture);
        } catch (IOException e) {
            throw new IllegalStateException("rendering to memory failed", e);
        }
        String etag = "\"" + HexFormat.of().formatHex(capture.digest.digest(), 0, 16) + "\"";
        byte[] kept = capture.kept == null ? null : capture.kept.toByteArray();
        return new StreamedAnswer(etag, kept);
    }

    String etag() {
        return etag;
    }

    /** Whether the bytes are kept (a small answer) rather than written per request. */
    boolean kept() {
        return bytes != null;
    }

    /** @param writer writes the same bytes as the one this answer was digested from, when they were not kept */
    void send(Context ctx, Map<String, String> headers, Writer writer) throws IOException {
        headers.forEach(ctx::header);
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        String match = ctx.header("If-None-Match");
        if (match != null && match.contains(etag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        if (bytes != null) {
            ctx.result(bytes);
            return;
        }
        try (OutputStream out = ctx.outputStream()) {
            writer.write(out);
        }
    }

    /** Digests everything written; keeps a copy until it grows past the limit. */
    private static final class Capture extends OutputStream {
        final MessageDigest digest;
        final int limit;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Capture(int limit) {
            this.limit = limit;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            if (kept != null) {
                if (kept.size() + len > limit) {
                    kept = null;
                } else {
                    kept.write(b, off, len);
                }
            }
        }
    }
}
