package dev.evalbot.app.board;

import dev.evalbot.app.review.PlatformException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP every leaderboard publisher speaks: one timeout, and every failure a
 * {@link PlatformException}, so that {@link BoardService} backs off and publishes again later.
 */
public final class PublishHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http;

    public PublishHttp(HttpClient http) {
        this.http = http;
    }

    /** A request to {@code url} with the publishers' timeout. */
    public HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url).timeout(TIMEOUT);
    }

    /** @throws PlatformException (retryable) when the host cannot be reached */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformException("cannot reach " + request.uri().getHost() + ": " + e.getMessage(), 0, true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", 0, true, null, e);
        }
    }

    /** An answer that is not what {@code what} needed: retryable, with its status. */
    public static PlatformException failure(String what, HttpResponse<String> response) {
        return new PlatformException(what + " answered HTTP " + response.statusCode(), response.statusCode(),
                true, null, null);
    }
}
