package dev.evalbot.app.platform.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.store.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pace of GitHub requests, against a real loopback server that records, on the test's clock,
 * when each request arrived. The clock moves only when the client waits: no test sleeps.
 */
class GitHubBudgetTest {
    static final String SECONDARY = "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few"
            + " minutes before you try again.\"}";

    /** One scripted answer: status, headers, body. */
    record Answer(int status, Map<String, String> headers, String body) {}

    record Arrival(String method, Instant at) {}

    final MutableClock clock = MutableClock.atDefaultStart();
    final Instant t0 = clock.instant();
    final Deque<Answer> script = new ArrayDeque<>();
    final List<Arrival> arrivals = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HttpServer server;
    HttpClient http;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Answer a;
            synchronized (script) {
                arrivals.add(new Arrival(exchange.getRequestMethod(), clock.instant()));
                a = script.isEmpty() ? new Answer(exchange.getRequestMethod().equals("GET") ? 200 : 201, Map.of(), "{}")
                        : script.poll();
            }
            exchange.getRequestBody().readAllBytes();
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** A client paced by {@code settings}; its waits move the test's clock. */
    PacedHttpClient paced(BudgetSettings settings) {
        Pause pause = deadline -> clock.set(deadline.isAfter(clock.instant()) ? deadline : clock.instant());
        GitHubBudget budget = new GitHubBudget(settings, clock, pause, meters);
        return new PacedHttpClient(http, budget, header -> header == null ? null : "installation 42");
    }

    static BudgetSettings settings(int perWindow, Duration window, Duration maxInlineWait) {
        return new BudgetSettings(List.of(new BudgetSettings.Window(perWindow, window)), Duration.ofMinutes(1),
                Duration.ofMinutes(16), maxInlineWait, Duration.ofMinutes(5), 0.05);
    }

    HttpResponse<String> send(HttpClient client, String method) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + (method.equals("GET") ? "/repos/o/r/pulls/1" : "/repos/o/r/issues/1/comments")))
                .header("Authorization", "token ghs_x");
        return client.send(method.equals("GET") ? b.GET().build()
                : b.method(method, HttpRequest.BodyPublishers.ofString("{\"body\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void answer(int status, Map<String, String> headers, String body) {
        synchronized (script) {
            script.add(new Answer(status, headers, body));
        }
    }

    long secondsAfterStart(int arrival) {
        return Duration.between(t0, arrivals.get(arrival).at()).toSeconds();
    }

    @Test
    void aSecondaryLimitWithoutRetryAfterIsWaitedOutForAMinuteThenTwoAndNothingIsSentMeanwhile() throws Exception {
        PacedHttpClient client = paced(settings(80, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        answer(403, Map.of("X-RateLimit-Remaining", "4990"), SECONDARY);
        answer(403, Map.of("X-RateLimit-Remaining", "4989"), SECONDARY);
        PlatformException first = assertThrows(PlatformException.class, () -> send(client, "POST"));
        assertTrue(first.budgetWait() && first.retryable(), "a wait for the inbox, not a failure: " + first);
        assertEquals(t0.plusSeconds(60), first.notBefore(), "GitHub: at least a minute without Retry-After");
        PlatformException second = assertThrows(PlatformException.class, () -> send(client, "GET"));
        assertEquals(clock.instant().plusSeconds(120), second.notBefore(), "then twice as long");
        HttpResponse<String> response = send(client, "POST");
        assertEquals(201, response.statusCode());
        assertEquals(3, arrivals.size(), arrivals.toString());
        assertEquals(0, secondsAfterStart(0));
        assertEquals(60, secondsAfterStart(1), "the next request a minute after the first limit, not sooner");
        assertEquals(180, secondsAfterStart(2), "and two minutes after the second");

        // A success ends the doubling: the next limit waits a minute again.
        answer(429, Map.of(), SECONDARY);
        assertThrows(PlatformException.class, () -> send(client, "POST"));
        send(client, "POST");
        assertEquals(5, arrivals.size());
        assertEquals(60, Duration.between(arrivals.get(3).at(), arrivals.get(4).at()).toSeconds());
    }

    @Test
    void retryAfterAndAPrimaryLimitsResetAreHonoured() throws Exception {
        PacedHttpClient client = paced(settings(80, Duration.ofMinutes(1), Duration.ofMinutes(10)));
        answer(429, Map.of("Retry-After", "7"), SECONDARY);
        assertEquals(t0.plusSeconds(7), assertThrows(PlatformException.class, () -> send(client, "POST")).notBefore());
        send(client, "POST");
        assertEquals(7, secondsAfterStart(1));

        long reset = t0.getEpochSecond() + 300;
        answer(403, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)),
                "{\"message\":\"API rate limit exceeded\"}");
        assertThrows(PlatformException.class, () -> send(client, "GET"));
        HttpResponse<String> read = send(client, "GET");
        assertEquals(200, read.statusCode());
        assertEquals(4, arrivals.size());
        assertEquals(reset, arrivals.get(3).at().getEpochSecond(), "the read waits for X-RateLimit-Reset");
    }

    @Test
    void aLongWaitHandsTheReviewBackAndNoRequestOfTheInstallationLeavesBeforeItsEnd() throws Exception {
        PacedHttpClient client = paced(settings(80, Duration.ofMinutes(1), Duration.ofSeconds(30)));
        answer(403, Map.of(), SECONDARY);
        PlatformException wait = assertThrows(PlatformException.class, () -> send(client, "POST"));
        assertTrue(wait.budgetWait() && wait.retryable(), wait.toString());
        assertEquals(t0.plusSeconds(60), wait.notBefore());
        assertEquals("queued: GitHub's rate limit, about 1 min", wait.getMessage());
        assertEquals(1, arrivals.size());

        // Another review of the same installation, a read and a write: neither leaves during the wait.
        clock.advance(Duration.ofSeconds(20));
        assertThrows(PlatformException.class, () -> send(client, "GET"));
        assertThrows(PlatformException.class, () -> send(client, "PATCH"));
        assertEquals(1, arrivals.size(), "nothing sent before the minute is over");
        clock.advance(Duration.ofSeconds(40));
        assertEquals(201, send(client, "PATCH").statusCode());
        assertEquals(2, arrivals.size());
    }

    @Test
    void writesArePacedToTheWindowAndReadsAreNot() throws Exception {
        PacedHttpClient client = paced(settings(3, Duration.ofSeconds(10), Duration.ofMinutes(1)));
        for (int i = 0; i < 7; i++) {
            send(client, "POST");
            send(client, "GET");
            if (i == 2) {
                assertEquals(0.0, meters.get("evalbot.github.budget.left").tag("installation", "installation 42")
                        .gauge().value(), "three writes spent the window");
            }
        }
        List<Instant> writes = arrivals.stream().filter(a -> a.method().equals("POST")).map(Arrival::at).toList();
        assertEquals(7, writes.size());
        for (int i = 3; i < writes.size(); i++) {
            assertTrue(Duration.between(writes.get(i - 3), writes.get(i)).compareTo(Duration.ofSeconds(10)) > 0,
                    "no 4 writes within 10 s: " + writes);
        }
        // At the budget's pace, not slower: the 7th write leaves two windows (and their margin) after the first.
        assertTrue(Duration.between(writes.get(0), writes.get(6)).compareTo(Duration.ofMillis(20_500)) < 0,
                writes.toString());
        long readsWhileWaiting = arrivals.stream().filter(a -> a.method().equals("GET")).count();
        assertEquals(7, readsWhileWaiting);
        assertEquals(2.0, meters.get("evalbot.github.budget.left").tag("installation", "installation 42").gauge()
                .value(), "the 7th write alone is in the last 10 s");
    }

    @Test
    void aPermissionRefusalIsNotARateLimit() throws Exception {
        PacedHttpClient client = paced(settings(80, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        answer(403, Map.of(), "{\"message\":\"Resource not accessible by integration\"}");
        assertEquals(403, send(client, "POST").statusCode(), "a refusal goes up to the caller as it is");
        assertEquals(201, send(client, "POST").statusCode());
        assertEquals(t0, arrivals.get(1).at(), "and costs no wait");
        assertTrue(PacedHttpClient.contentCreating(HttpRequest.newBuilder(URI.create("http://h/repos/o/r/check-runs"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
        assertTrue(!PacedHttpClient.contentCreating(HttpRequest.newBuilder(URI.create("http://h/graphql"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()), "a GraphQL query reads");
    }

    @Test
    void theBudgetIsReadFromTheEnvironmentWithAFriendlyErrorForNonsense() {
        BudgetSettings s = BudgetSettings.fromEnvironment(Map.of("EVALBOT_GITHUB_WRITE_BUDGET", "40/10s, 250/62.5s",
                "EVALBOT_GITHUB_BACKOFF_SECONDS", "10"));
        assertEquals(List.of(new BudgetSettings.Window(40, Duration.ofSeconds(10)),
                new BudgetSettings.Window(250, Duration.ofMillis(62_500))), s.windows());
        assertEquals(Duration.ofSeconds(10), s.backoffBase());
        assertEquals(BudgetSettings.DEFAULT, BudgetSettings.fromEnvironment(Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BudgetSettings.fromEnvironment(Map.of("EVALBOT_GITHUB_WRITE_BUDGET", "80 per minute")));
        assertEquals("EVALBOT_GITHUB_WRITE_BUDGET: expected requests/seconds pairs such as '80/60s,500/3600s', "
                + "got '80 per minute'", e.getMessage());
    }
}
