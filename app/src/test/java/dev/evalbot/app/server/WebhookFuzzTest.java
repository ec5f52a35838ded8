package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.WebhookSignature;
import dev.evalbot.app.store.EmbeddedPostgresServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random webhooks against a running server: random bytes, truncated and mutated shipped payloads,
 * deep nesting, huge strings, invalid UTF-8, wrong JSON types in the fields evalbot routes on,
 * random or missing headers, signed and unsigned. Every request is answered within 10 s with the
 * status the README promises: 401 unless correctly signed, then 400 for missing headers or a body
 * that is not a JSON object, 200 for ping or a repeated delivery, 202 otherwise; never a 5xx; and
 * the server stays healthy and ready. Once against SQLite, once (fewer tries) against PostgreSQL,
 * whose text columns refuse NUL characters and whose indexes refuse huge keys.
 */
class WebhookFuzzTest {
    static final String SECRET = GitHubServerTest.SECRET;
    static final List<String> SHIPPED = List.of("pull_request.opened.json", "pull_request.synchronize.json",
            "pull_request.closed.json", "pull_request.labeled.json", "issue_comment.created.json", "ping.json",
            "installation.created.json");
    static final List<String> ROUTED_FIELDS = List.of("action", "number", "pull_request", "pull_request.number",
            "pull_request.head", "pull_request.head.sha", "pull_request.base", "pull_request.labels",
            "pull_request.user.login", "repository", "repository.full_name", "installation", "installation.id",
            "sender", "sender.type", "changes", "changes.base", "comment", "comment.body", "issue",
            "issue.pull_request", "issue.number");

    static Server sqlite;
    static Server postgres;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A running server with its fake GitHub and its store. */
    record Server(EvalbotApp app, FakeGitHub github, Path dir, EmbeddedPostgresServer postgres) {
        static Server start(boolean onPostgres) {
            try {
                Path dir = Files.createTempDirectory("evalbot-fuzz");
                FakeGitHub github = new FakeGitHub("Codertocat/Hello-World", 2);
                Map<String, String> env = GitHubServerTest.env(dir, github.url());
                EmbeddedPostgresServer pg = null;
                if (onPostgres) {
                    pg = EmbeddedPostgresServer.start();
                    env.put("EVALBOT_DB", pg.newDatabaseUrl());
                }
                return new Server(EvalbotApp.start(env, Clock.systemUTC()), github, dir, pg);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void stop() throws IOException {
            app.close();
            github.close();
            if (postgres != null) {
                postgres.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @AfterContainer
    static void stop() throws IOException {
        for (Server s : new Server[] {sqlite, postgres}) {
            if (s != null) {
                s.stop();
            }
        }
        sqlite = null;
        postgres = null;
    }

    enum Signature { NONE, RIGHT, WRONG_SECRET, TRUNCATED, GARBAGE, SHA1 }

    /** One request: body, the three GitHub headers (null: not sent) and a few others. */
    record Fuzz(byte[] body, boolean pristine, String event, String delivery, Signature signature,
            String contentType, boolean gzipClaimed) {
        @Override
        public String toString() {
            String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return "Fuzz[" + body.length + " bytes: " + text + (body.length > 300 ? "…" : "") + ", event=" + event
                    + ", delivery=" + delivery + ", signature=" + signature + ", contentType=" + contentType
                    + ", gzip=" + gzipClaimed + "]";
        }
    }

    @Property(tries = 300)
    void sqliteServerAnswersEveryRequestClearly(@ForAll("requests") Fuzz fuzz) throws Exception {
        if (sqlite == null) {
            sqlite = Server.start(false);
        }
        check(sqlite, fuzz);
    }

    @Property(tries = 120)
    void postgresServerAnswersEveryRequestClearly(@ForAll("requests") Fuzz fuzz) throws Exception {
        if (postgres == null) {
            postgres = Server.start(true);
        }
        check(postgres, fuzz);
    }

    @Example
    void eventsNamingARepositoryOrHeadTheStoreCannotKeepAreRefusedWith400() throws Exception {
        if (postgres == null) {
            postgres = Server.start(true);
        }
        for (String[] change : new String[][] {{"repository", "full_name", "owner/na\u0000me"},
                {"repository", "full_name", "owner/" + "n".repeat(3_000)}, {"head", "sha", "0\u0000"},
                {"head", "sha", "f".repeat(3_000)}}) {
            ObjectNode root = (ObjectNode) Webhooks.JSON.readTree(shipped("pull_request.opened.json"));
            ObjectNode at = change[0].equals("head") ? (ObjectNode) root.path("pull_request").path("head")
                    : (ObjectNode) root.path(change[0]);
            at.put(change[1], change[2]);
            Fuzz f = new Fuzz(Webhooks.JSON.writeValueAsBytes(root), false, "pull_request",
                    java.util.UUID.randomUUID().toString(), Signature.RIGHT, "application/json", false);
            for (Server s : new Server[] {postgres, sqlite == null ? sqlite = Server.start(false) : sqlite}) {
                HttpResponse<String> r = send(s, f);
                assertEquals(400, r.statusCode(), change[0] + "." + change[1] + ": " + r.body());
                assertTrue(r.body().contains("malformed event"), r.body());
            }
        }
    }

    static HttpResponse<String> send(Server server, Fuzz fuzz) throws Exception {
        int port = server.app().port();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
        if (fuzz.event() != null) {
            b.header("X-GitHub-Event", fuzz.event());
        }
        if (fuzz.delivery() != null) {
            b.header("X-GitHub-Delivery", fuzz.delivery());
        }
        String signature = signature(fuzz);
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        if (fuzz.contentType() != null) {
            b.header("Content-Type", fuzz.contentType());
        }
        if (fuzz.gzipClaimed()) {
            b.header("Content-Encoding", "gzip");
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within 10 s", e);
        }
    }

    static void check(Server server, Fuzz fuzz) throws Exception {
        int port = server.app().port();
        HttpResponse<String> response = send(server, fuzz);
        int status = response.statusCode();
        Set<Integer> expected = expected(fuzz);
        net.jqwik.api.statistics.Statistics.collect(status, response.body().replaceAll(".*\"message\":\"", "")
                .replaceAll("[:\"].*", ""));
        assertTrue(expected.contains(status), "expected " + expected + ", got " + status + ": " + response.body());
        assertTrue(response.body().startsWith("{\"status\":" + status + ",\"message\":\""), response.body());
        assertEquals(200, get(port, "/healthz"));
        assertEquals(200, get(port, "/readyz"));
    }

    /**
     * What the README promises for this request. A JSON object that is not a shipped payload may
     * also be refused (400) when it names a repository or head no real event has.
     */
    static Set<Integer> expected(Fuzz f) {
        if (f.signature() != Signature.RIGHT) {
            return Set.of(401);
        }
        if (f.event() == null || f.delivery() == null || f.delivery().isBlank() || f.delivery().strip().length() > 200) {
            return Set.of(400);
        }
        if (f.event().strip().equals("ping")) {
            return Set.of(200);
        }
        JsonNode root;
        try {
            root = Webhooks.JSON.readTree(f.body());
        } catch (IOException e) {
            return Set.of(400);
        }
        if (root == null || !root.isObject()) {
            return Set.of(400);
        }
        return f.pristine() ? Set.of(200, 202) : Set.of(200, 202, 400);
    }

    static String signature(Fuzz f) {
        String right = new WebhookSignature(SECRET).sign(f.body());
        return switch (f.signature()) {
            case NONE -> null;
            case RIGHT -> right;
            case WRONG_SECRET -> new WebhookSignature(SECRET + "!").sign(f.body());
            case TRUNCATED -> right.substring(0, right.length() - 2);
            case GARBAGE -> "sha256=" + "zz".repeat(32);
            case SHA1 -> "sha1=" + right.substring(7, 47);
        };
    }

    static int get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * A body, and the X-GitHub-Event GitHub would send with it (null when none would); pristine when
     * it is a shipped payload as GitHub sent it.
     */
    record Body(byte[] bytes, String event, boolean pristine) {
        Body(byte[] bytes, String event) {
            this(bytes, event, false);
        }
    }

    @Provide
    Arbitrary<Fuzz> requests() {
        Arbitrary<Body> body = Arbitraries.frequencyOf(
                Tuple.of(3, randomBytes().map(b -> new Body(b, null))),
                Tuple.of(3, truncated()),
                Tuple.of(3, mutated()),
                Tuple.of(2, deepNesting().map(b -> new Body(b, "pull_request"))),
                Tuple.of(1, hugeString().map(b -> new Body(b, "pull_request"))),
                Tuple.of(8, wrongTypes()),
                Tuple.of(2, Arbitraries.of(SHIPPED).map(n -> new Body(shipped(n), eventOf(n), true))));
        Arbitrary<String> otherEvent = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("pull_request", "issue_comment", "ping", "installation", "push")),
                Tuple.of(2, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1000).ofMaxLength(4000)),
                Tuple.of(1, Arbitraries.just(ABSENT)));
        Arbitrary<String> delivery = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.create(() -> java.util.UUID.randomUUID().toString())),
                Tuple.of(2, Arbitraries.of("fuzz-repeated-1", "fuzz-repeated-2", "fuzz-repeated-3", "", " ")),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(260)),
                Tuple.of(1, Arbitraries.just(ABSENT)));
        Arbitrary<Signature> signature = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Signature.RIGHT)),
                Tuple.of(4, Arbitraries.of(Signature.class)));
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "text/plain; charset=utf-16", "application/json; charset=latin1",
                ABSENT);
        return Combinators.combine(body, otherEvent, Arbitraries.integers().between(0, 9), delivery, signature,
                contentType, Arbitraries.integers().between(0, 9))
                .as((b, other, pick, d, s, c, g) -> new Fuzz(b.bytes(), b.pristine(),
                        present(b.event() != null && pick < 7 ? b.event() : other), present(d), s, present(c), g == 0));
    }

    /** Stands for a header that is not sent (jqwik's null injection proved far more frequent than asked). */
    static final String ABSENT = "(absent)";

    static String present(String header) {
        return ABSENT.equals(header) ? null : header;
    }

    static String eventOf(String shippedName) {
        return shippedName.substring(0, shippedName.indexOf('.'));
    }

    static byte[] shipped(String name) {
        try {
            return GitHubServerTest.payload(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    static Arbitrary<Body> truncated() {
        return Combinators.combine(Arbitraries.of(SHIPPED), Arbitraries.doubles().between(0, 1))
                .as((name, at) -> {
                    byte[] full = shipped(name);
                    return new Body(Arrays.copyOf(full, (int) (full.length * at)), eventOf(name));
                });
    }

    /** A shipped payload with a few spans overwritten, often by bytes that are not UTF-8. */
    static Arbitrary<Body> mutated() {
        Arbitrary<byte[]> junk = Arbitraries.oneOf(
                Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED,
                        (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                        new byte[] {0}, "\\u0000".getBytes(StandardCharsets.US_ASCII),
                        "\\ud800".getBytes(StandardCharsets.US_ASCII), "\"".getBytes(StandardCharsets.US_ASCII)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8));
        return Combinators.combine(Arbitraries.of(SHIPPED), Arbitraries.doubles().between(0, 1).list().ofMinSize(1)
                .ofMaxSize(4), junk.list().ofMinSize(4).ofMaxSize(4))
                .as((name, ats, junks) -> {
                    byte[] out = shipped(name);
                    for (int i = 0; i < ats.size(); i++) {
                        byte[] j = junks.get(i);
                        int at = (int) ((out.length - j.length) * ats.get(i));
                        System.arraycopy(j, 0, out, Math.max(0, at), Math.min(j.length, out.length));
                    }
                    return new Body(out, eventOf(name));
                });
    }

    static Arbitrary<byte[]> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 200_000), Arbitraries.of("[", "{\"a\":"),
                Arbitraries.of(true, false)).as((depth, open, closed) -> {
                    StringBuilder s = new StringBuilder("{\"action\":\"opened\",\"x\":");
                    s.append(open.repeat(depth)).append("1");
                    if (closed) {
                        s.append((open.equals("[") ? "]" : "}").repeat(depth)).append('}');
                    }
                    return s.toString().getBytes(StandardCharsets.UTF_8);
                });
    }

    static Arbitrary<byte[]> hugeString() {
        return Combinators.combine(Arbitraries.integers().between(100_000, 3_000_000), Arbitraries.of("a", "é", "\\n"))
                .as((n, unit) -> ("{\"action\":\"opened\",\"number\":2,\"repository\":{\"full_name\":\""
                        + unit.repeat(n / unit.length()) + "\"}}").getBytes(StandardCharsets.UTF_8));
    }

    /** A shipped payload whose routing fields hold values of the wrong type, size or content. */
    static Arbitrary<Body> wrongTypes() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5),
                Arbitraries.of("o/r\u0000x", "\u0000", "owner/name", "a/b/c", "/", "Codertocat/Hello-World",
                        "\uD83D\uDE00/\u202Erepo", "0".repeat(40), "opened", "synchronize", "created", "Bot"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2_000).ofMaxLength(20_000));
        Arbitrary<JsonNode> value = Arbitraries.oneOf(
                text.map(f::textNode),
                Arbitraries.integers().map(f::numberNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.of(new BigDecimal("1e999"), new BigDecimal("-1e999"), new BigDecimal("2147483648"),
                        new BigDecimal("0.5"), new BigDecimal("-1")).map(f::numberNode),
                Arbitraries.just(f.nullNode()),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.just(f.arrayNode().add(1).add("x")),
                Arbitraries.just(f.objectNode()),
                text.map(t -> (JsonNode) f.objectNode().put("login", t).put("full_name", t).put("sha", t)
                        .put("number", 2).put("name", t).put("type", t)));
        return Combinators.combine(Arbitraries.of("pull_request.opened.json", "pull_request.synchronize.json",
                "issue_comment.created.json"), Arbitraries.of(ROUTED_FIELDS).list().ofMinSize(1).ofMaxSize(2),
                value.list().ofMinSize(4).ofMaxSize(4))
                .as((name, fields, values) -> {
                    try {
                        ObjectNode root = (ObjectNode) Webhooks.JSON.readTree(shipped(name));
                        for (int i = 0; i < fields.size(); i++) {
                            set(root, fields.get(i), values.get(i));
                        }
                        return new Body(Webhooks.JSON.writeValueAsBytes(root), eventOf(name));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            at = at.path(parts[i]);
        }
        if (at instanceof ObjectNode o) {
            o.set(parts[parts.length - 1], value);
        } else if (at instanceof ArrayNode a) {
            a.add(value);
        }
    }
}
