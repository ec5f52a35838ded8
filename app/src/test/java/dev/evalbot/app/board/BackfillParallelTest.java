package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.check.ChangeValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backfill on several threads: every repository recorded, outcomes told in the order given. */
class BackfillParallelTest {
    @TempDir
    Path tmp;

    @Test
    void seedsEveryCheckoutAndTellsTheOutcomesInOrder() throws Exception {
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        try (Database db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("b.db")))) {
            ResultStore store = new ResultStore(db, Clock.systemUTC());
            Set<String> changed = ConcurrentHashMap.newKeySet();
            Backfill backfill = new Backfill(new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                    TrustAnnotator.OFFLINE, new ResultRecorder(store, changed::add), config.rules().limits().maxBytes(),
                    ModelCardListener.NONE);
            List<Path> checkouts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Path c = tmp.resolve("org").resolve("model-" + i);
                Files.createDirectories(c.resolve(".eval_results"));
                Files.writeString(c.resolve(".eval_results/hle.yaml"), "- dataset: {id: cais/hle, task_id: hle}\n"
                        + "  value: " + (10 + i) + "\n");
                checkouts.add(c);
            }
            List<String> told = new ArrayList<>();
            backfill.seedEach("hub", checkouts, null, 3, s -> told.add(s.repo() + ":" + s.entries()));

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                expected.add("org/model-" + i + ":1");
                assertEquals(10 + i, store.byPull(new PullRef(PlatformId.HUB, "org/model-" + i, 0)).get(0).entry().value());
            }
            assertEquals(expected, told);
            assertEquals(Set.of("cais/hle"), changed);
        }
    }

    @Test
    void batchesOfRepositoriesAreWrittenInOneTransactionEach() throws Exception {
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        try (Database db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("b.db")))) {
            ResultStore store = new ResultStore(db, Clock.systemUTC());
            Backfill backfill = new Backfill(new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                    TrustAnnotator.OFFLINE, new ResultRecorder(store, id -> { }), config.rules().limits().maxBytes(),
                    ModelCardListener.NONE);
            List<Path> checkouts = checkouts(12);
            List<Integer> batches = new ArrayList<>();
            List<String> told = new ArrayList<>();
            backfill.seedEach("hub", checkouts, null, 3, 5, writes -> db.write("batch", c -> {
                int before = store.pulls().size();
                writes.run();
                batches.add(store.pulls().size() - before); // committed only after this work: none seen yet
                return null;
            }), s -> told.add(s.repo()));

            assertEquals(List.of(0, 0, 0), batches, "5, 5 and 2 repositories, each batch one transaction");
            assertEquals(12, store.pulls().size());
            assertEquals(IntStream.range(0, 12).mapToObj(i -> "org/model-" + i).toList(), told);
        }
    }

    @Test
    void aFailedBatchStoresNoneOfItsRepositories() throws Exception {
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        try (Database db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("b.db")))) {
            ResultStore store = new ResultStore(db, Clock.systemUTC());
            Backfill backfill = new Backfill(new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                    TrustAnnotator.OFFLINE, new ResultRecorder(store, id -> { }), config.rules().limits().maxBytes(),
                    ModelCardListener.NONE);
            List<String> told = new ArrayList<>();
            assertThrows(RuntimeException.class, () -> backfill.seedEach("hub", checkouts(4), null, 2, 4,
                    writes -> db.write("batch", c -> {
                        writes.run();
                        throw new IllegalStateException("disk full");
                    }), s -> told.add(s.repo())));
            assertEquals(List.of(), store.pulls());
            assertEquals(List.of(), told, "no outcome is told for repositories not stored");
        }
    }

    private List<Path> checkouts(int n) throws Exception {
        List<Path> checkouts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path c = tmp.resolve("org").resolve("model-" + i);
            Files.createDirectories(c.resolve(".eval_results"));
            Files.writeString(c.resolve(".eval_results/hle.yaml"), "- dataset: {id: cais/hle, task_id: hle}\n"
                    + "  value: " + (10 + i) + "\n");
            checkouts.add(c);
        }
        return checkouts;
    }
}
