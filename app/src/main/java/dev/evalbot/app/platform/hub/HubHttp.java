package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.review.PlatformException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hub's HTTP API over one shared {@link HttpClient}: bearer token, per-request timeout, and
 * every failure turned into a {@link PlatformException} the inbox understands (429 and 5xx retry,
 * with the Hub's Retry-After; other 4xx do not). Never sleeps: the inbox does the backoff.
 */
final class HubHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 4096;
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

    /** One page of a paginated listing; {@code next} is null on the last page. */
    record Page(JsonNode body, String next) {}

    private final HubSettings settings;
    private final HttpClient http;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ObjectMapper json;
    private final URI origin;

    HubHttp(HubSettings settings, HttpClient http, MeterRegistry meters, Clock clock, ObjectMapper json) {
        this.settings = Objects.requireNonNull(settings);
        this.http = Objects.requireNonNull(http);
        this.meters = meters;
        this.clock = clock;
        this.json = json;
        this.origin = URI.create(settings.endpoint());
    }

    String url(String path) {
        return settings.endpoint() + path;
    }

    /** GET a JSON document; empty on 404. */
    Optional<JsonNode> getJson(String op, String url) {
        return getPage(op, url).map(Page::body);
    }

    /** GET one page of a listing (the Hub paginates with a GitHub-style {@code Link} header); empty on 404. */
    Optional<Page> getPage(String op, String url) {
        HttpResponse<InputStream> response = get(op, url, "application/json");
        if (response.statusCode() == 404) {
            drain(response);
            return Optional.empty();
        }
        JsonNode body = readJson(op, response);
        String next = response.headers().firstValue("Link").map(HubHttp::nextLink).orElse(null);
        // The token goes to the Hub only: a next page elsewhere is not followed.
        return Optional.of(new Page(body, next != null && sameOrigin(URI.create(url).resolve(next))
                ? URI.create(url).resolve(next).toString() : null));
    }

    /** GET raw bytes, at most {@code maxBytes + 1} of them (one more tells the caller it is too large); empty on 404. */
    Optional<byte[]> getBytes(String op, String url, int maxBytes) {
        HttpResponse<InputStream> response = get(op, url, "*/*");
        if (response.statusCode() == 404) {
            drain(response);
            return Optional.empty();
        }
        check(op, response);
        try (InputStream in = response.body()) {
            // Closing the stream after maxBytes + 1 abandons the rest: a huge file costs no memory.
            return Optional.of(in.readNBytes(maxBytes + 1));
        } catch (IOException e) {
            throw new PlatformException(op + ": the Hub's answer broke off: " + e.getMessage(), 0, true, null, e);
        }
    }

    /** POST (or another method with a JSON body) and read the JSON answer. */
    JsonNode send(String op, String method, String url, JsonNode body) {
        HttpRequest request = authorized(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response = exchange(op, request);
        return readJson(op, response);
    }

    private HttpResponse<InputStream> get(String op, String url, String accept) {
        URI uri = URI.create(url);
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = sameOrigin(uri) ? authorized(uri)
                    : HttpRequest.newBuilder(uri).timeout(TIMEOUT); // a CDN redirect gets no token
            HttpResponse<InputStream> response = exchange(op, b.header("Accept", accept).GET().build());
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status / 100 != 3 || location.isEmpty() || hop >= MAX_REDIRECTS) {
                return response;
            }
            // resolve/ answers large (LFS, Xet) files with a redirect; the client may not follow them itself.
            drain(response);
            uri = uri.resolve(location.get());
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", "evalbot");
        if (settings.token() != null) {
            b.header("Authorization", "Bearer " + settings.token());
        }
        return b;
    }

    private HttpResponse<InputStream> exchange(String op, HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            count(op, Integer.toString(response.statusCode() / 100) + "xx");
            return response;
        } catch (IOException e) {
            count(op, "io");
            URI uri = request.uri();
            throw PlatformException.unreachable("the Hub at " + uri.getScheme() + "://" + uri.getHost()
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + " (" + op + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(op + ": interrupted", 0, true, null, e);
        }
    }

    private JsonNode readJson(String op, HttpResponse<InputStream> response) {
        check(op, response);
        try (InputStream in = response.body()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? json.nullNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new PlatformException(op + ": the Hub sent an unreadable answer", response.statusCode(), true, null, e);
        }
    }

    /** Throws for anything but 2xx: 429 and 5xx are retryable (with the Hub's Retry-After), other 4xx are not. */
    private void check(String op, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String detail = errorDetail(response);
        boolean retry = status == 429 || status >= 500;
        Instant notBefore = retry ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock) : null;
        throw new PlatformException(op + ": the Hub answered HTTP " + status + (detail.isEmpty() ? "" : ": " + detail),
                status, retry, notBefore, null);
    }

    private String errorDetail(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            JsonNode node = json.readTree(bytes);
            String error = node == null ? "" : node.path("error").asText("");
            return error.length() > 200 ? error.substring(0, 200) : error;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Instant retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return clock.instant().plusSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    static String nextLink(String header) {
        Matcher m = NEXT_LINK.matcher(header);
        return m.find() ? m.group(1) : null;
    }

    private boolean sameOrigin(URI uri) {
        return Objects.equals(uri.getScheme(), origin.getScheme()) && Objects.equals(uri.getHost(), origin.getHost())
                && uri.getPort() == origin.getPort();
    }

    private void count(String op, String outcome) {
        if (meters != null) {
            Counter.builder("evalbot.hub.requests").description("Hugging Face Hub API requests, by operation and outcome")
                    .tags("op", op, "outcome", outcome).register(meters).increment();
        }
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream ignored = response.body()) {
            // closing is enough: the connection is released or dropped
        } catch (IOException ignored) {
            // nothing to do: the answer was already read or the connection is gone
        }
    }
}
