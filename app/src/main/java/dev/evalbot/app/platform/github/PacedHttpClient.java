package dev.evalbot.app.platform.github;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The HTTP client every GitHub call of evalbot goes through (github-api's connector, check runs,
 * current heads, GraphQL reads, and whatever else is handed this client): each request waits for
 * its installation's {@link GitHubBudget} before it leaves, and each answer is shown to the budget.
 * A rate-limit answer is not passed up as a failure: it becomes a budget wait, and the inbox runs
 * the review again when the wait is over (no attempt used up, whatever the status code).
 * Requests without an installation's or token's authorization (the App's own JWT calls) pass as they are.
 */
final class PacedHttpClient extends HttpClient {
    private final HttpClient client;
    private final GitHubBudget budget;
    private final Function<String, String> accountOf;

    /** @param accountOf the budget's account for an Authorization header, or null to send it unpaced */
    public PacedHttpClient(HttpClient client, GitHubBudget budget, Function<String, String> accountOf) {
        this.client = client;
        this.budget = budget;
        this.accountOf = accountOf;
    }

    /** Writes count against GitHub's content-creating limits; a GraphQL query is a read. */
    static boolean contentCreating(HttpRequest request) {
        String method = request.method();
        if (method.equals("GET") || method.equals("HEAD")) {
            return false;
        }
        return !(method.equals("POST") && request.uri().getPath().endsWith("/graphql"));
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        String account = accountOf.apply(request.headers().firstValue("Authorization").orElse(null));
        if (account == null) {
            return client.send(request, handler);
        }
        budget.acquire(account, contentCreating(request));
        Sent sent = alone(account, request);
        HttpResponse<byte[]> answer = sent.answer();
        Optional<Instant> limited = sent.limited();
        if (limited.isPresent()) {
            // Not sent again from here: the review goes back to the inbox until the wait is over, and
            // every other request of the installation waits for it meanwhile (see GitHubBudget).
            throw budget.waitUntil(limited.get());
        }
        return replay(answer, handler);
    }

    /** An answer, and until when it blocks the installation if it was a rate limit. */
    private record Sent(HttpResponse<byte[]> answer, Optional<Instant> limited) {}

    /** The request sent alone on its installation's wire, its answer read to the last byte. */
    private Sent alone(String account, HttpRequest request) throws IOException, InterruptedException {
        try {
            return budget.alone(account, () -> {
                HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                // Read inside: a limit must block the installation before the wire is let go.
                return new Sent(answer, budget.answered(account, answer.statusCode(), answer.headers().map(),
                        answer.body()));
            });
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** The budget these requests spend. */
    public GitHubBudget budget() {
        return budget;
    }

    /** The budget's account of an Authorization header, or null when it is not paced. */
    String accountOf(String authorization) {
        return accountOf.apply(authorization);
    }

    /**
     * A notice ("queued: ..."): sent only if the share of the budget kept for notices has room now.
     *
     * @return GitHub's answer, or empty when the notice was not sent (or GitHub limited it)
     */
    Optional<HttpResponse<String>> sendNotice(HttpRequest request) throws IOException, InterruptedException {
        String account = accountOf.apply(request.headers().firstValue("Authorization").orElse(null));
        if (account == null) {
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        }
        if (!budget.tryNotice(account)) {
            return Optional.empty();
        }
        Sent sent = alone(account, request);
        if (sent.limited().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(replay(sent.answer(), HttpResponse.BodyHandlers.ofString()));
    }

    /** The bytes read, handed to the caller's body handler as if they came off the wire. */
    private static <T> HttpResponse<T> replay(HttpResponse<byte[]> answer, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return answer.statusCode();
            }

            @Override
            public HttpHeaders headers() {
                return answer.headers();
            }

            @Override
            public Version version() {
                return answer.version();
            }
        };
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        subscriber.onSubscribe(new Flow.Subscription() {
            private boolean done;

            @Override
            public void request(long n) {
                if (!done && n > 0) {
                    done = true;
                    if (answer.body().length > 0) {
                        subscriber.onNext(List.of(ByteBuffer.wrap(answer.body())));
                    }
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
        T body;
        try {
            body = subscriber.getBody().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading GitHub's answer", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read GitHub's answer", e.getCause());
        }
        return new Replayed<>(answer, body);
    }

    private record Replayed<T>(HttpResponse<byte[]> answer, T body) implements HttpResponse<T> {
        @Override
        public int statusCode() {
            return answer.statusCode();
        }

        @Override
        public HttpRequest request() {
            return answer.request();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return answer.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return answer.sslSession();
        }

        @Override
        public java.net.URI uri() {
            return answer.uri();
        }

        @Override
        public Version version() {
            return answer.version();
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return send(request, handler);
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client.authenticator();
    }

    @Override
    public Version version() {
        return client.version();
    }

    @Override
    public Optional<Executor> executor() {
        return client.executor();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return client.newWebSocketBuilder();
    }
}
