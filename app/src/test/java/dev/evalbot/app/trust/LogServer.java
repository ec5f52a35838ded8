package dev.evalbot.app.trust;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback file host standing in for the Hub or any https host: GET with Range (one range,
 * suffix or explicit), ETag and If-None-Match, optionally refusing ranges (whole bodies, as some
 * hosts do), and the Hub's repository API (200). Counts requests and body bytes served.
 */
final class LogServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicLong bytesServed = new AtomicLong();
    volatile boolean refuseRanges;

    LogServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    LogServer serve(String path, byte[] bytes) {
        files.put(path, bytes);
        return this;
    }

    private void handle(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        try (x) {
            String path = x.getRequestURI().getPath();
            if (path.startsWith("/api/")) {
                send(x, 200, "{}".getBytes(), null);
                return;
            }
            byte[] file = files.get(path);
            if (file == null) {
                send(x, 404, new byte[0], null);
                return;
            }
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(file)) + "\"";
            x.getResponseHeaders().set("ETag", etag);
            if (etag.equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                x.sendResponseHeaders(304, -1);
                return;
            }
            if ("HEAD".equals(x.getRequestMethod())) {
                x.sendResponseHeaders(200, -1);
                return;
            }
            String range = x.getRequestHeaders().getFirst("Range");
            Matcher m = range == null || refuseRanges ? null : RANGE.matcher(range.trim());
            if (m == null || !m.matches()) {
                send(x, 200, file, null);
                return;
            }
            long from;
            long to;
            if (m.group(1).isEmpty()) {
                long n = Long.parseLong(m.group(2));
                from = Math.max(0, file.length - n);
                to = file.length - 1;
            } else {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? file.length - 1 : Math.min(file.length - 1, Long.parseLong(m.group(2)));
            }
            byte[] part = java.util.Arrays.copyOfRange(file, (int) from, (int) to + 1);
            send(x, 206, part, "bytes " + from + "-" + to + "/" + file.length);
        }
    }

    private void send(HttpExchange x, int status, byte[] body, String contentRange) throws IOException {
        if (contentRange != null) {
            x.getResponseHeaders().set("Content-Range", contentRange);
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                int chunk = 64 * 1024;
                for (int i = 0; i < body.length; i += chunk) {
                    int n = Math.min(chunk, body.length - i);
                    // Counted before it is written: a client that has what it needs may return (and
                    // its test read the count) before this thread gets past the write.
                    bytesServed.addAndGet(n);
                    out.write(body, i, n);
                }
            } catch (IOException clientWentAway) {
                // The client stopped reading (it had what it needed): what was handed to it is counted.
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
