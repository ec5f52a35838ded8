package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.inbox.Claim;
import dev.evalbot.app.inbox.DeliveryKind;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.InboxConfig;
import dev.evalbot.app.inbox.Jitter;
import dev.evalbot.app.inbox.LeaseSettings;
import dev.evalbot.app.inbox.NewDelivery;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.app.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeliveryCommandsTest {
    @TempDir
    Path dir;
    Map<String, String> env;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void seed() {
        String url = "jdbc:sqlite:" + dir.resolve("evalbot.db");
        env = Map.of("EVALBOT_DB", url);
        try (Database db = Database.open(StoreConfig.of(url))) {
            Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, MutableClock.atDefaultStart(), Jitter.none(),
                    new SimpleMeterRegistry(), PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease()));
            inbox.accept(delivery("72d3162e-cc78-11e3-81ab-4c9367dc0958", "github:org/model#12"));
            inbox.accept(delivery("ok-1", "github:org/model#13"));
            Claim c = inbox.claim().orElseThrow();
            inbox.finish(c, Outcome.fail("repository org/model not found\n(HTTP 404)"));
            inbox.finish(inbox.claim().orElseThrow(), Outcome.done());
        }
    }

    static NewDelivery delivery(String key, String subject) {
        return new NewDelivery(PlatformId.GITHUB, key, "pull_request", "opened", subject, "abc", DeliveryKind.REVIEW,
                "{}".getBytes(StandardCharsets.UTF_8), MutableClock.atDefaultStart().instant(), null);
    }

    Run run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void listsFailedDeliveriesAsATable() {
        Run r = run(new DeliveriesCommand(env), "--failed");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\\R");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches("KEY +PLATFORM +EVENT +SUBJECT +ATTEMPTS +LAST ERROR +TIME"), lines[0]);
        assertTrue(lines[1].startsWith("72d3162e-cc78-11e3-81ab-4c9367dc0958  github    pull_request.opened"
                + "  github:org/model#12  1         repository org/model not found (HTTP 404)"), lines[1]);
        assertTrue(lines[1].endsWith("2026-03-01T12:00:00Z"), lines[1]);
    }

    @Test
    void listsAllDeliveriesWithTheirState() {
        Run r = run(new DeliveriesCommand(env));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(" done "), r.out());
        assertTrue(r.out().contains(" dead "), r.out());
    }

    @Test
    void replaysAFailedDeliveryOnce() {
        Run r = run(new ReplayCommand(env), "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("replayed 72d3162e"), r.out());
        assertEquals("no failed deliveries", run(new DeliveriesCommand(env), "--failed").out().trim());
    }

    @Test
    void anUnknownDeliveryIsExitOne() {
        Run r = run(new ReplayCommand(env), "nope");
        assertEquals(1, r.exit());
        assertEquals("evalbot replay: no delivery nope (see `evalbot deliveries`)", r.err().trim());
    }

    @Test
    void usageAndStoreProblemsAreExitTwoInOneLine() {
        assertEquals(2, run(new ReplayCommand(env)).exit(), "DELIVERY_ID missing");
        assertEquals(2, run(new DeliveriesCommand(env), "--limit", "0").exit());

        Run missing = run(new DeliveriesCommand(Map.of("EVALBOT_DB", "jdbc:sqlite:" + dir.resolve("typo.db"))));
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().trim().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("evalbot deliveries: no database at "), missing.err());

        Run bad = run(new ReplayCommand(Map.of("EVALBOT_DB", "jdbc:mysql://db/x")), "k");
        assertEquals(2, bad.exit());
        assertFalse(bad.err().contains("Exception"), bad.err());

        Run down = run(new ReplayCommand(Map.of("EVALBOT_DB", "jdbc:postgresql://127.0.0.1:1/evalbot")), "k");
        assertEquals(2, down.exit());
        assertEquals(1, down.err().trim().lines().count(), down.err());
        assertEquals("evalbot replay: cannot migrate jdbc:postgresql://127.0.0.1:1/evalbot: Connection to"
                + " 127.0.0.1:1 refused. Check that the hostname and port are correct and that the postmaster is"
                + " accepting TCP/IP connections.", down.err().trim());
    }
}
