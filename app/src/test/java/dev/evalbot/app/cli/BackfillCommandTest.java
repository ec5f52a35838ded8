package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.StoreConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code evalbot backfill} writes to the server's store only, and says which repository id it used. */
class BackfillCommandTest {
    private static final Path CONFIG = Path.of("../config").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path checkout;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void checkout() throws Exception {
        checkout = Files.createDirectories(tmp.resolve("org/model-a/.eval_results")).getParent();
        Files.writeString(checkout.resolve(".eval_results/gsm8k.yaml"), """
                - dataset: {id: openai/gsm8k, task_id: gsm8k}
                  value: 84.3
                  date: "2026-03-02"
                """);
    }

    @Test
    void runInsideTheModelRepositoryWithoutEvalbotDbCreatesNothingThereAndSaysWhy() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.evalbot.app.cli.Main", "backfill", "--config",
                CONFIG.toString(), ".").directory(checkout.toFile());
        pb.environment().remove("EVALBOT_DB");
        pb.environment().remove("EVALBOT_CONFIG");
        Path log = tmp.resolve("backfill.log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), Files.readString(log));
        Path store = checkout.toRealPath().resolve("data/evalbot.db");
        assertEquals("evalbot: the store " + store + " would be inside " + checkout.toRealPath()
                + ", the repository being read: set EVALBOT_DB to the server's store, e.g. "
                + "EVALBOT_DB=jdbc:sqlite:/srv/evalbot/data/evalbot.db\n", Files.readString(log));
        assertFalse(Files.exists(checkout.resolve("data")), "nothing is created in the model repository");
    }

    @Test
    void anExplicitStoreInsideTheCheckoutIsRefusedToo() {
        Path inside = checkout.resolve("evalbot.db");
        Run r = run(Map.of("EVALBOT_DB", "jdbc:sqlite:" + inside), checkout.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("evalbot: the store " + inside + " would be inside " + checkout + ", "), r.err());
        assertFalse(Files.exists(inside));
    }

    @Test
    void withoutEvalbotDbTheDefaultStoreMustExistAlready() {
        // Without EVALBOT_DB the store is data/evalbot.db of the working directory (here app/): it is
        // never created by a backfill, so a misplaced run cannot seed a file nobody serves.
        Path defaultStore = Path.of("data/evalbot.db").toAbsolutePath();
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(defaultStore), defaultStore + " exists here");
        Run r = run(Map.of(), checkout.toString());
        assertEquals(2, r.exit());
        assertEquals("evalbot: no store at " + defaultStore.normalize() + ": set EVALBOT_DB to the server's store "
                + "(an SQLite file that EVALBOT_DB names is created when it does not exist yet)\n", r.err());
        assertFalse(Files.exists(defaultStore));
    }

    @Test
    void seedsTheNamedStoreAndSaysWhichIdItGuessed() throws Exception {
        Path db = tmp.resolve("server/evalbot.db");
        Map<String, String> env = Map.of("EVALBOT_DB", "jdbc:sqlite:" + db);
        Run guessed = run(env, checkout.toString());
        assertEquals(0, guessed.exit(), guessed.err());
        assertEquals("org/model-a (id guessed from the last two directories of " + checkout
                + "; --repo-id OWNER/NAME to set it): 1 entry from 1 file\n", guessed.out());

        Run named = run(env, "--repo-id", "acme/atlas", checkout.toString());
        assertEquals(0, named.exit(), named.err());
        assertEquals("acme/atlas: 1 entry from 1 file\n", named.out());
        try (Database store = Database.open(StoreConfig.of("jdbc:sqlite:" + db))) {
            ResultStore results = new ResultStore(store, Clock.systemUTC());
            assertEquals(2, results.pulls().size(), "both ids are seeded: " + results.pulls());
        }
    }

    @Test
    void aBatchOfRepositoriesPerCommitSeedsThemAllAndABadBatchIsSaidPlainly() throws Exception {
        Path db = tmp.resolve("server/evalbot.db");
        List<String> args = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path c = tmp.resolve("batch/org/model-" + i);
            Files.createDirectories(c.resolve(".eval_results"));
            Files.writeString(c.resolve(".eval_results/hle.yaml"), "- dataset: {id: cais/hle, task_id: hle}\n"
                    + "  value: " + (10 + i) + "\n");
            args.add(c.toString());
        }
        Run batched = run(Map.of("EVALBOT_DB", "jdbc:sqlite:" + db, "EVALBOT_BACKFILL_BATCH", "2"),
                args.toArray(String[]::new));
        assertEquals(0, batched.exit(), batched.err());
        assertEquals(5, batched.out().lines().count(), batched.out());
        try (Database store = Database.open(StoreConfig.of("jdbc:sqlite:" + db))) {
            assertEquals(5, new ResultStore(store, Clock.systemUTC()).pulls().size());
        }

        Run bad = run(Map.of("EVALBOT_DB", "jdbc:sqlite:" + db, "EVALBOT_BACKFILL_BATCH", "0"), args.get(0));
        assertEquals(2, bad.exit());
        assertEquals("evalbot: EVALBOT_BACKFILL_BATCH must be a whole number from 1 to 10000, got 0\n", bad.err());
    }

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withConfig = new String[args.length + 2];
        withConfig[0] = "--config";
        withConfig[1] = CONFIG.toString();
        System.arraycopy(args, 0, withConfig, 2, args.length);
        int exit = Main.execute(new CommandLine(new BackfillCommand(env)), withConfig, new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
