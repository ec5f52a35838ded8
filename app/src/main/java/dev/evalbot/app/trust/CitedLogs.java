package dev.evalbot.app.trust;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.rules.logs.RunLog;
import dev.evalbot.rules.logs.InspectLogs;
import dev.evalbot.rules.logs.LogFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the evaluation log a {@code source.url} names (Inspect's {@code .eval} or {@code .json}, or a
 * lighteval results {@code .json}), through
 * the same SSRF-safe client as the source checks, reading only what is needed: an {@code .eval}
 * log by Range requests for its tail (zip directory and {@code header.json}), a JSON log streamed
 * until its {@code results}. A Hub link ({@code huggingface.co/.../resolve/REV/...} or
 * {@code blob/}) is read from {@code HF_ENDPOINT}.
 *
 * <p>Cached by URL: within {@link LogReadLimits#cacheTtl()} nothing is asked again; after it, a
 * conditional request with the log's ETag that costs no body when unchanged. A Hub URL at a commit
 * ({@code resolve/<40 hex>/}) never changes and is not asked again while cached. Thread-safe.
 */
public final class CitedLogs {
    private static final Set<String> HUB_HOSTS = Set.of("huggingface.co", "www.huggingface.co", "hf.co");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    /** A failed read is tried again after this long at most. */
    private static final Duration FAILED_TTL = Duration.ofMinutes(5);

    private record Cached(CitedLog log, String etag, Instant at, boolean immutable) {}

    private final TrustConfig trust;
    private final LogReadLimits limits;
    private final Clock clock;
    private final HostVetter vetter;
    private final SafeHttp http;
    private final InspectLogs reader;
    private final Cache<String, Cached> cache;

    public CitedLogs(TrustConfig trust, LogReadLimits limits, Clock clock) {
        this(trust, limits, HostResolver.SYSTEM, clock);
    }

    public CitedLogs(TrustConfig trust, LogReadLimits limits, HostResolver resolver, Clock clock) {
        this.trust = trust;
        this.limits = limits;
        this.clock = clock;
        this.vetter = new HostVetter(resolver, trust.allowHosts());
        this.http = new SafeHttp(vetter, trust.limits());
        this.reader = new InspectLogs(limits.archive());
        this.cache = Caffeine.newBuilder().maximumSize(limits.cacheSize()).build();
    }

    /** True when the URL's path names a log file evalbot reads. */
    public static boolean namesLog(String url) {
        return kind(url) != null;
    }

    private static String kind(String url) {
        if (url == null) {
            return null;
        }
        String path = url.strip().replaceFirst("[?#].*$", "").toLowerCase(Locale.ROOT);
        return path.endsWith(".eval") ? "eval" : path.endsWith(".json") ? "json" : null;
    }

    /** The log the URL names; empty when it names none, or offline. */
    public Optional<CitedLog> read(String url) {
        String kind = kind(url);
        if (kind == null || trust.offline()) {
            return Optional.empty();
        }
        String key = url.strip();
        Cached cached = cache.getIfPresent(key);
        Instant now = clock.instant();
        if (cached != null && (cached.immutable() || now.isBefore(cached.at().plus(ttl(cached))))) {
            return Optional.of(cached.log());
        }
        Cached fresh = fetch(key, kind, cached);
        cache.put(key, fresh);
        return Optional.of(fresh.log());
    }

    private Duration ttl(Cached c) {
        return c.log() instanceof CitedLog.Read ? limits.cacheTtl()
                : FAILED_TTL.compareTo(limits.cacheTtl()) < 0 ? FAILED_TTL : limits.cacheTtl();
    }

    private Cached fetch(String text, String kind, Cached previous) {
        Instant now = clock.instant();
        SourceUrl url;
        boolean immutable;
        try {
            SourceUrl cited = SourceUrl.parse(text);
            url = onHub(cited).orElse(cited);
            immutable = url != cited && atCommit(cited);
            if (!url.https() && !vetter.allowed(url)) {
                return new Cached(new CitedLog.Unreadable("not an https link"), null, now, false);
            }
        } catch (Refusal r) {
            return new Cached(new CitedLog.Unreadable(r.check().message()), null, now, false);
        }
        String known = previous != null && previous.log() instanceof CitedLog.Read ? previous.etag() : null;
        String name = text.replaceFirst("[?#].*$", "").replaceFirst("^.*/", "");
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        try {
            if (kind.equals("eval")) {
                HttpByteSource source = new HttpByteSource(http, url, limits, deadline);
                source.open(known);
                RunLog log = reader.readEval(source, name);
                return new Cached(new CitedLog.Read(List.of(log), url.uri().toString()), source.etag(), now, immutable);
            }
            return json(url, name, known, immutable, now);
        } catch (HttpByteSource.NotModified unchanged) {
            if (previous == null) {
                return new Cached(new CitedLog.Unreadable(url.authority() + " answered 304 to a request that was not "
                        + "conditional"), null, now, false);
            }
            return new Cached(previous.log(), previous.etag(), now, previous.immutable());
        } catch (LogFormatException e) {
            return new Cached(new CitedLog.Unreadable(e.getMessage()), null, now, false);
        } catch (IOException | UncheckedIOException e) {
            return new Cached(new CitedLog.Unreadable(e.getMessage()), null, now, false);
        }
    }

    /** A JSON log's answer: its runs and ETag (200), unchanged (304), or another status. */
    private record JsonAnswer(int status, List<RunLog> runs, String etag) {}

    private Cached json(SourceUrl url, String name, String known, boolean immutable, Instant now) throws IOException {
        Map<String, String> headers = new HashMap<>();
        if (known != null) {
            headers.put("If-None-Match", known);
        }
        JsonAnswer answer;
        try {
            answer = http.get(url, headers, limits.timeout(), (status, header, body) -> status != 200
                    ? new JsonAnswer(status, List.of(), null)
                    : new JsonAnswer(status, reader.readJsonRuns(new CappedStream(body, limits.maxBytes()), name, true),
                            header.apply("ETag"))).value();
        } catch (Refusal r) {
            throw new HttpByteSource.Failed(r.check().message());
        }
        if (answer.status() == 304) {
            throw new HttpByteSource.NotModified();
        }
        if (answer.status() != 200) {
            throw new HttpByteSource.Failed(answer.status() == 404 || answer.status() == 410
                    ? "the log is not there (HTTP " + answer.status() + ")"
                    : url.authority() + " answered HTTP " + answer.status());
        }
        return new Cached(new CitedLog.Read(answer.runs(), url.uri().toString()), answer.etag(), now, immutable);
    }

    /** A Hub file link, read from {@code HF_ENDPOINT}: {@code blob/} (the page) becomes {@code resolve/} (the file). */
    private Optional<SourceUrl> onHub(SourceUrl url) throws Refusal {
        if (!HUB_HOSTS.contains(url.host())) {
            return Optional.empty();
        }
        String[] parts = url.segments();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("resolve") || parts[i].equals("blob")) {
                parts[i] = "resolve";
                String query = url.uri().getRawQuery();
                return Optional.of(SourceUrl.parse(trust.hubEndpoint() + "/" + String.join("/", parts)
                        + (query == null ? "" : "?" + query)));
            }
        }
        return Optional.empty();
    }

    private static boolean atCommit(SourceUrl url) {
        String[] parts = url.segments();
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("resolve") || parts[i].equals("blob")) {
                return COMMIT.matcher(parts[i + 1]).matches();
            }
        }
        return false;
    }

    /** A body that fails past its cap instead of reading on. */
    private static final class CappedStream extends java.io.FilterInputStream {
        private final long cap;
        private long read;

        CappedStream(InputStream in, long cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(0, n));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > cap) {
                throw new IOException("the log has no results within the first " + cap + " bytes (the limit)");
            }
        }
    }
}
