package dev.evalbot.app.trust;

import dev.evalbot.rules.logs.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote log read with HTTP Range requests through {@link SafeHttp}: first its tail (a suffix
 * range, which also tells the size), then only the ranges the zip reader asks for. A host that
 * answers a Range request with the whole body (200) is read whole, up to the cap.
 */
final class HttpByteSource implements ByteSource {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    /** The log is the one cached under this ETag: nothing was read. */
    static final class NotModified extends IOException {
        private static final long serialVersionUID = 1L;

        NotModified() {
            super("not modified", null);
        }
    }

    /** A read that failed for a reason to show the contributor. */
    static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    /** Raised inside a response (past the client, which then drops the connection) and turned into {@link Failed}. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private record Part(int status, String contentRange, String contentLength, String etag, byte[] bytes) {}

    private final SafeHttp http;
    private final SourceUrl url;
    private final LogReadLimits limits;
    private final long deadline;
    private long size = -1;
    private long tailStart;
    private byte[] tail;
    private String etag;
    private int requests;

    HttpByteSource(SafeHttp http, SourceUrl url, LogReadLimits limits, long deadlineNanos) {
        this.http = http;
        this.url = url;
        this.limits = limits;
        this.deadline = deadlineNanos;
    }

    /** The first read: the log's tail and size; {@link NotModified} when {@code etag} still holds. */
    void open(String knownEtag) throws IOException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Range", "bytes=-" + limits.tailBytes());
        if (knownEtag != null) {
            headers.put("If-None-Match", knownEtag);
        }
        Part p = get(headers, limits.maxBytes());
        etag = p.etag();
        if (p.status() == 304) {
            throw new NotModified();
        }
        if (p.status() == 206) {
            Matcher m = p.contentRange() == null ? null : CONTENT_RANGE.matcher(p.contentRange().trim());
            if (m == null || !m.matches()) {
                throw new Failed(url.authority() + " answered a Range request without a usable Content-Range");
            }
            tailStart = Long.parseLong(m.group(1));
            size = Long.parseLong(m.group(3));
            tail = p.bytes();
        } else if (p.status() == 200) {
            // Ranges refused: the body is the whole log, read up to the cap.
            tailStart = 0;
            tail = p.bytes();
            size = tail.length;
        } else if (p.status() == 416) {
            tailStart = 0;
            tail = new byte[0];
            size = 0;
        } else {
            throw new Failed(status(p.status()));
        }
    }

    String etag() {
        return etag;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
        long end = Math.min(size, offset + Math.max(0, length));
        if (offset >= tailStart && end <= tailStart + tail.length) {
            return Arrays.copyOfRange(tail, (int) (offset - tailStart), (int) (end - tailStart));
        }
        if (offset >= end) {
            return new byte[0];
        }
        if (requests >= limits.maxRequests()) {
            throw new Failed("more than " + limits.maxRequests() + " requests needed to read the log");
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("Range", "bytes=" + offset + "-" + (end - 1));
        if (etag != null) {
            headers.put("If-Match", etag);
        }
        Part p = get(headers, end - offset);
        if (p.status() != 206) {
            throw new Failed(p.status() == 412 ? "the log changed while it was read" : status(p.status()));
        }
        return p.bytes();
    }

    private Part get(Map<String, String> headers, long cap) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new Failed("the log was not read within " + limits.timeout().toSeconds() + " s");
        }
        requests++;
        try {
            return http.get(url, headers, java.time.Duration.ofNanos(remaining), (status, header, body) -> {
                String length = header.apply("Content-Length");
                if (status == 200 && length != null && length.trim().matches("\\d{1,18}")
                        && Long.parseLong(length.trim()) > limits.maxBytes()) {
                    throw new Refused("the log is " + length.trim() + " bytes and " + url.authority()
                            + " does not serve ranges of it: over the limit of " + limits.maxBytes() + " bytes");
                }
                byte[] bytes = status == 200 || status == 206 ? capped(body, status == 200 ? limits.maxBytes() : cap)
                        : new byte[0];
                return new Part(status, header.apply("Content-Range"), length, header.apply("ETag"), bytes);
            }).value();
        } catch (Refusal r) {
            throw new Failed(r.check().message());
        } catch (Refused r) {
            throw new Failed(r.getMessage());
        }
    }

    private byte[] capped(InputStream body, long cap) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        if (bytes.length > cap) {
            throw new Refused("the log is larger than the limit of " + cap + " bytes that " + url.authority()
                    + " may send");
        }
        return bytes;
    }

    private String status(int status) {
        return status == 404 || status == 410 ? "the log is not there (HTTP " + status + ")"
                : url.authority() + " answered HTTP " + status;
    }
}
