package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.platform.hub.FakeHub;
import dev.evalbot.app.platform.hub.HubPlatform;
import dev.evalbot.app.platform.hub.HubSettings;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.ReviewRequest;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.ModelCardStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.ModelKey;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model card's {@code base_model} is recorded where evalbot reads the model repository: a review, a backfill. */
class BaseModelRecordingTest {
    static final String RESULTS = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n";
    static final String CARD = "---\nlicense: mit\nbase_model: org/base\n---\n# a fine-tune\n";

    @TempDir
    Path tmp;
    LocalConfig config;
    Database db;
    ModelCardStore cards;
    BaseModelRecorder recorder;
    final List<ModelKey> changed = new java.util.ArrayList<>();

    @BeforeEach
    void open() {
        config = LocalConfig.load(Path.of("../config"), null);
        db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("evalbot.db")));
        cards = new ModelCardStore(db, Clock.systemUTC());
        recorder = new BaseModelRecorder(cards, config.rules().limits().maxBytes(), changed::add);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aHubReviewReadsTheCardWithTheResultsAndRecordsItsBaseModel() {
        try (FakeHub hub = new FakeHub("model", "org/fine-tune", 5)) {
            hub.files(FakeHub.files(".eval_results/hle.yaml", RESULTS, "README.md", CARD));
            ReviewPipeline pipeline = new ReviewPipeline(
                    () -> new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                    config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, new MemoryReviewLog(),
                    new ReportJson(new ObjectMapper()), ReviewPipeline.Settings.DEFAULT,
                    new ResultRecorder(new ResultStore(db, Clock.systemUTC()), id -> { }), recorder);
            HubPlatform platform = new HubPlatform(new HubSettings("s3cret", hub.url(), "hf_test"),
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), new SimpleMeterRegistry(),
                    Clock.systemUTC());
            pipeline.review(platform, ReviewRequest.of(new PullRequestRef(PlatformId.HUB, "org/fine-tune", "model", 5,
                    FakeHub.HEAD, "refs/heads/main", "refs/heads/main", null, Set.of(), null)));
        }
        assertEquals(Map.of(new ModelKey("hub", "org/fine-tune"), List.of("org/base")), cards.derived());
        assertEquals(List.of(new ModelKey("hub", "org/fine-tune")), changed);
    }

    @Test
    void aBackfillReadsEachCheckoutsCardAndACardWithoutBaseModelClearsIt() throws Exception {
        Path checkout = tmp.resolve("org/fine-tune");
        Files.createDirectories(checkout.resolve(".eval_results"));
        Files.writeString(checkout.resolve(".eval_results/hle.yaml"), RESULTS);
        Files.writeString(checkout.resolve("README.md"), CARD);
        Backfill backfill = new Backfill(new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                TrustAnnotator.OFFLINE, new ResultRecorder(new ResultStore(db, Clock.systemUTC()), id -> { }),
                config.rules().limits().maxBytes(), recorder);
        backfill.seed("github", checkout, "org/fine-tune");
        assertEquals(Map.of(new ModelKey("github", "org/fine-tune"), List.of("org/base")), cards.derived());
        backfill.seed("github", checkout, "org/fine-tune");
        assertEquals(List.of(new ModelKey("github", "org/fine-tune")), changed, "the same card again is no change");

        Files.writeString(checkout.resolve("README.md"), "---\nlicense: mit\n---\n");
        backfill.seed("github", checkout, "org/fine-tune");
        assertEquals(Map.of(), cards.derived());
        Files.writeString(checkout.resolve("README.md"), CARD);
        backfill.seed("github", checkout, "org/fine-tune");
        Files.delete(checkout.resolve("README.md"));
        backfill.seed("github", checkout, "org/fine-tune");
        assertEquals(Map.of(), cards.derived(), "no card, no base model");
        assertEquals(4, changed.size(), "declared, cleared, declared, cleared: " + changed);
    }
}
