package dev.evalbot.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The review, result, audit and refresh stores, on each dialect. */
abstract class StoresContractTest {
    static final PullRef PR = new PullRef(PlatformId.GITHUB, "org/model", 12);

    MutableClock clock;
    Database db;

    abstract String newDatabaseUrl();

    @BeforeEach
    void open() {
        clock = MutableClock.atDefaultStart();
        db = Database.open(StoreConfig.of(newDatabaseUrl()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static ReviewedEntry entry(String file, int index, String dataset, double value, Tier tier) {
        return new ReviewedEntry(file, 1 + 6 * (index - 1), index, dataset, "default", value, "2026-01-15",
                index == 1 ? "no-tools" : null, "https://example.org/paper", "Paper", tier, null, null, false);
    }

    @Test
    void aReviewIsReplacedWholeAndReadBack() {
        ReviewStore reviews = new ReviewStore(db, clock);
        assertEquals(Optional.empty(), reviews.get(PR));

        ReviewRow first = new ReviewRow("aaa", "INVALID", "## evalbot\nbad", "{\"findings\":[1]}", null, null, List.of());
        reviews.put(PR, first);
        clock.advance(Duration.ofMinutes(5));
        ReviewRow second = new ReviewRow("bbb", "VALID", "## evalbot\n✅ ok", "{}", "IC_1234", "sha256:ab",
                List.of("evalbot: valid", "tier: community"));
        reviews.put(PR, second);

        StoredReview stored = reviews.get(PR).orElseThrow();
        assertEquals(second, stored.review());
        assertEquals(clock.instant(), stored.updatedAt());
        assertEquals(Optional.empty(), reviews.get(new PullRef(PlatformId.HUB, "org/model", 12)),
                "a Hub PR with the same repo and number is another pull request");
    }

    @Test
    void resultsAreReplacedPerPullRequestIdempotently() {
        ResultStore results = new ResultStore(db, clock);
        PullRef other = new PullRef(PlatformId.HUB, "org/other-model", 0);
        results.replaceAll(PR, "aaa", PrState.OPEN, List.of(entry("a.yaml", 1, "cais/hle", 0.25, Tier.COMMUNITY),
                entry("a.yaml", 2, "openai/gsm8k", 0.9, Tier.COMMUNITY)));
        results.replaceAll(other, "ccc", PrState.MERGED, List.of(entry("x.yaml", 1, "cais/hle", 31.5, Tier.AUTHOR)));

        List<ReviewedEntry> newHead = List.of(entry("a.yaml", 1, "cais/hle", 0.3, Tier.VERIFIED));
        results.replaceAll(PR, "bbb", PrState.OPEN, newHead);
        results.replaceAll(PR, "bbb", PrState.OPEN, newHead);

        List<StoredResult> hle = results.byDataset("cais/hle");
        assertEquals(2, hle.size());
        StoredResult mine = hle.stream().filter(r -> r.pull().equals(PR)).findFirst().orElseThrow();
        assertEquals("bbb", mine.headSha());
        assertEquals(newHead.get(0), mine.entry());
        assertEquals(PrState.OPEN, mine.prState());
        assertEquals(Decision.NONE, mine.decision());
        assertEquals(List.of("cais/hle"), results.datasetIds(), "gsm8k left with the old head");
        assertEquals(1, results.byPull(PR).size());
    }

    @Test
    void bestKnownReadsOnlyOneRepositorysEntriesForOneTask() {
        ResultStore results = new ResultStore(db, clock);
        PullRef sibling = new PullRef(PlatformId.GITHUB, "org/model", 13);
        results.replaceAll(PR, "aaa", PrState.OPEN, List.of(entry("a.yaml", 1, "cais/hle", 0.25, Tier.COMMUNITY),
                entry("a.yaml", 2, "openai/gsm8k", 0.9, Tier.COMMUNITY)));
        results.replaceAll(sibling, "bbb", PrState.MERGED, List.of(entry("b.yaml", 1, "cais/hle", 0.3, Tier.AUTHOR)));
        results.replaceAll(new PullRef(PlatformId.GITHUB, "org/other-model", 1), "ccc", PrState.OPEN,
                List.of(entry("c.yaml", 1, "cais/hle", 0.4, Tier.COMMUNITY)));
        results.replaceAll(new PullRef(PlatformId.HUB, "org/model", 1), "ddd", PrState.OPEN,
                List.of(entry("d.yaml", 1, "cais/hle", 0.5, Tier.COMMUNITY)));

        // The other repository's and the Hub's newer entries for the same task are not candidates.
        assertEquals(Optional.of(sibling), results.bestKnown(PlatformId.GITHUB, "org/model", "cais/hle", "default", 0)
                .map(StoredResult::pull));
        assertEquals(Optional.of(PR), results.bestKnown(PlatformId.GITHUB, "org/model", "cais/hle", "default", 13)
                .map(StoredResult::pull));
        assertEquals(Optional.empty(), results.bestKnown(PlatformId.GITHUB, "org/model", "cais/hle", "other-task", 0));
        assertEquals(Optional.of(0.9), results.bestKnown(PlatformId.GITHUB, "org/model", "openai/gsm8k", "default", 0)
                .map(r -> r.entry().value()));
    }

    @Test
    void byModelReadsOneRepositorysEntriesOnEveryPlatformOrOne() {
        ResultStore results = new ResultStore(db, clock);
        PullRef sibling = new PullRef(PlatformId.GITHUB, "org/model", 13);
        PullRef onHub = new PullRef(PlatformId.HUB, "org/model", 1);
        results.replaceAll(PR, "aaa", PrState.OPEN, List.of(entry("a.yaml", 1, "cais/hle", 0.25, Tier.COMMUNITY),
                entry("a.yaml", 2, "openai/gsm8k", 0.9, Tier.COMMUNITY)));
        results.replaceAll(sibling, "bbb", PrState.MERGED, List.of(entry("b.yaml", 1, "cais/hle", 0.3, Tier.AUTHOR)));
        results.replaceAll(onHub, "ddd", PrState.OPEN, List.of(entry("d.yaml", 1, "cais/hle", 0.5, Tier.COMMUNITY)));
        // Same prefix, another repository: not the model's.
        results.replaceAll(new PullRef(PlatformId.GITHUB, "org/model-2", 1), "ccc", PrState.OPEN,
                List.of(entry("c.yaml", 1, "cais/hle", 0.4, Tier.COMMUNITY)));

        assertEquals(List.of(PR, PR, sibling, onHub), results.byModel("org/model",
                PlatformModules.known().ids()).stream()
                .map(StoredResult::pull).toList(), "by platform, pull request, file and entry");
        assertEquals(List.of(onHub), results.byModel("org/model", List.of(PlatformId.HUB)).stream()
                .map(StoredResult::pull).toList());
        assertEquals(List.of(0.25, 0.9, 0.3), results.byModel("org/model", List.of(PlatformId.GITHUB)).stream()
                .map(r -> r.entry().value()).toList());
        assertEquals(List.of(), results.byModel("org/nothing", PlatformModules.known().ids()));
    }

    @Test
    void anAttributionAndADatasetRevisionAreKeptWithTheResult() {
        ResultStore results = new ResultStore(db, clock);
        ReviewedEntry e = new ReviewedEntry("a.yaml", 1, 1, "cais/hle", "hle", 24.5, null, null, null, null,
                Tier.COMMUNITY, "cais", "0123456789abcdef0123456789abcdef01234567", false);
        results.replaceAll(PR, "aaa", PrState.OPEN, List.of(e, entry("a.yaml", 2, "cais/hle", 1.0, Tier.COMMUNITY)));
        List<StoredResult> stored = results.byPull(PR);
        assertEquals(e, stored.get(0).entry());
        assertEquals(null, stored.get(1).entry().revision());
    }

    @Test
    void aModelCardsBaseModelsAreKeptPerPlatformAndAChangeIsReported() {
        ModelCardStore cards = new ModelCardStore(db, clock);
        assertEquals(false, cards.record(PlatformId.HUB, "org/base", List.of()), "never recorded: declared none");
        assertEquals(true, cards.record(PlatformId.HUB, "org/merge", List.of("org/a", "org/b")));
        assertEquals(true, cards.record(PlatformId.GITHUB, "org/merge", List.of("org/a")));
        assertEquals(false, cards.record(PlatformId.HUB, "org/merge", List.of("org/a", "org/b")));
        assertEquals(java.util.Map.of(new dev.evalbot.rules.board.ModelKey("hub", "org/merge"), List.of("org/a", "org/b"),
                new dev.evalbot.rules.board.ModelKey("github", "org/merge"), List.of("org/a")), cards.derived());
        assertEquals(true, cards.record(PlatformId.GITHUB, "org/merge", List.of()));
        assertEquals(java.util.Set.of(new dev.evalbot.rules.board.ModelKey("hub", "org/merge")), cards.derived().keySet());
    }

    @Test
    void stateAndDecisionSurviveReReviews() {
        ResultStore results = new ResultStore(db, clock);
        results.replaceAll(PR, "aaa", PrState.OPEN, List.of(entry("a.yaml", 1, "cais/hle", 0.25, Tier.COMMUNITY)));
        results.setDecision(PR, new Decision(false, false, true));
        clock.advance(Duration.ofHours(1));
        results.setPrState(PR, PrState.CLOSED);

        StoredResult r = results.byDataset("cais/hle").get(0);
        assertEquals(PrState.CLOSED, r.prState());
        assertTrue(r.decision().hidden());
        assertEquals(clock.instant(), r.updatedAt());

        results.replaceAll(PR, "bbb", PrState.OPEN, List.of(entry("a.yaml", 1, "cais/hle", 0.5, Tier.COMMUNITY)));
        assertEquals(Optional.of(new Decision(false, false, true)), results.decision(PR));
        assertEquals(Optional.empty(), results.decision(new PullRef(PlatformId.GITHUB, "org/model", 13)));

        PullRef unseen = new PullRef(PlatformId.GITHUB, "org/model", 99);
        results.setDecision(unseen, new Decision(true, false, false));
        results.setPrState(unseen, PrState.MERGED);
        assertEquals(Optional.of(new Decision(true, false, false)), results.decision(unseen));
    }

    @Test
    void auditEntriesAreListedNewestFirstPerRepository() {
        AuditStore audit = new AuditStore(db);
        Instant t = clock.instant();
        audit.append(new AuditRow("alice", "approve", "", t, PlatformId.GITHUB, "org/model", 12, "applied", null));
        audit.append(new AuditRow("mallory", "hide", "all", t.plusSeconds(60), PlatformId.GITHUB, "org/model", 12,
                "denied", "mallory has no write permission"));
        audit.append(new AuditRow("bob", "approve", "", t.plusSeconds(30), PlatformId.GITHUB, "org/else", 1,
                "applied", null));
        audit.append(new AuditRow("carol", "reject", "wrong split", t.plusSeconds(90), PlatformId.HUB, "org/model",
                3, "applied", "wrong split"));

        List<AuditRow> log = audit.byRepo(PlatformId.GITHUB, "org/model", 10);
        assertEquals(List.of("mallory", "alice"), log.stream().map(AuditRow::actor).collect(Collectors.toList()));
        assertEquals("mallory has no write permission", log.get(0).reason());
        assertEquals("all", log.get(0).args());
        assertEquals(t.plusSeconds(60), log.get(0).at());
        assertEquals(1, audit.byRepo(PlatformId.GITHUB, "org/model", 1).size());
    }

    @Test
    void aBurstOfSchedulesIsOneRefreshAtTheEarliestTime() {
        RefreshStore refreshes = new RefreshStore(db, Duration.ofMinutes(5));
        Instant now = clock.instant();
        for (int i = 0; i < 1000; i++) {
            refreshes.schedule("cais/hle", now.plusSeconds(60 + i % 17));
        }
        refreshes.schedule("openai/gsm8k", now.plusSeconds(300));
        assertEquals(Optional.of(now.plusSeconds(60)), refreshes.nextDue());

        assertEquals(List.of(), refreshes.claimDue(now));
        List<DueRefresh> due = refreshes.claimDue(now.plusSeconds(60));
        assertEquals(1, due.size());
        assertEquals("cais/hle", due.get(0).benchmarkId());
        assertEquals(List.of(), refreshes.claimDue(now.plusSeconds(61)), "held by its claimer");
        assertTrue(refreshes.complete(due.get(0)));
        assertEquals(List.of(), refreshes.claimDue(now.plusSeconds(120)), "done and forgotten");
        assertEquals(Optional.of(now.plusSeconds(300)), refreshes.nextDue());
    }

    @Test
    void aChangeDuringARefreshGetsARefreshOfItsOwn() {
        RefreshStore refreshes = new RefreshStore(db, Duration.ofMinutes(5));
        Instant now = clock.instant();
        refreshes.schedule("cais/hle", now);
        DueRefresh running = refreshes.claimDue(now).get(0);
        refreshes.schedule("cais/hle", now.plusSeconds(30));
        refreshes.schedule("cais/hle", now.plusSeconds(40));
        assertTrue(refreshes.complete(running));

        assertEquals(List.of(), refreshes.claimDue(now.plusSeconds(29)));
        List<DueRefresh> again = refreshes.claimDue(now.plusSeconds(30));
        assertEquals(1, again.size());
        assertEquals(now.plusSeconds(30), again.get(0).dueAt());
    }

    @Test
    void aRefreshWhoseClaimerDiedIsClaimedAgain() {
        RefreshStore refreshes = new RefreshStore(db, Duration.ofMinutes(5));
        Instant now = clock.instant();
        refreshes.schedule("cais/hle", now);
        DueRefresh dead = refreshes.claimDue(now).get(0);
        List<DueRefresh> again = refreshes.claimDue(now.plus(Duration.ofMinutes(5)));
        assertEquals(1, again.size());
        assertFalse(refreshes.complete(dead), "its lease passed on");
        assertTrue(refreshes.complete(again.get(0)));
        assertEquals(Optional.empty(), refreshes.nextDue());
    }

    /**
     * The database's pick equals the reference: every row of the benchmark, filtered and ordered in
     * Java as the deviation check did before it asked the database for one row.
     */
    @Test
    void bestKnownIsTheBestTierNewestOtherEntry() {
        long seed = Long.getLong("evalbot.seed", java.util.concurrent.ThreadLocalRandom.current().nextLong());
        System.out.println("bestKnownIsTheBestTierNewestOtherEntry seed: " + seed);
        java.util.Random random = new java.util.Random(seed);
        ResultStore results = new ResultStore(db, clock);
        for (int round = 0; round < 40; round++) {
            int number = random.nextInt(8);
            PullRef pull = new PullRef(random.nextInt(10) == 0 ? PlatformId.HUB : PlatformId.GITHUB,
                    random.nextInt(10) == 0 ? "org/other-model" : "org/model", number);
            List<ReviewedEntry> entries = new java.util.ArrayList<>();
            int count = random.nextInt(4);
            for (int i = 1; i <= count; i++) {
                Tier tier = Tier.values()[random.nextInt(Tier.values().length)];
                String task = random.nextInt(5) == 0 ? "other" : "default";
                entries.add(new ReviewedEntry("f" + random.nextInt(3) + ".yaml", i, i, "cais/hle", task,
                        random.nextInt(100), null, null, null, null, tier, null, null, false));
            }
            results.replaceAll(pull, "h" + round, PrState.values()[random.nextInt(PrState.values().length)], entries);
            if (random.nextInt(4) == 0) {
                clock.advance(Duration.ofMillis(random.nextInt(3)));
                results.setDecision(pull, new Decision(random.nextBoolean(), random.nextInt(4) == 0,
                        random.nextInt(4) == 0));
            }
            if (random.nextInt(4) == 0) {
                clock.advance(Duration.ofMillis(random.nextInt(3)));
                results.setPrState(pull, PrState.values()[random.nextInt(PrState.values().length)]);
            }
            clock.advance(Duration.ofMillis(random.nextInt(3))); // 0: equal times, the order decides
            for (int exclude = 0; exclude < 8; exclude++) {
                int mine = exclude;
                Optional<StoredResult> expected = results.byDataset("cais/hle").stream()
                        .filter(r -> r.pull().platform().equals(PlatformId.GITHUB) && r.pull().repo().equals("org/model")
                                && r.entry().taskId().equals("default"))
                        .filter(r -> r.pull().number() != mine)
                        .filter(r -> r.prState() != PrState.CLOSED && !r.decision().rejected() && !r.decision().hidden())
                        .min(java.util.Comparator.comparingInt((StoredResult r) -> r.entry().tier() == Tier.VERIFIED ? 0
                                        : r.prState() == PrState.MERGED ? 1 : 2)
                                .thenComparing(StoredResult::updatedAt, java.util.Comparator.reverseOrder()));
                assertEquals(expected, results.bestKnown(PlatformId.GITHUB, "org/model", "cais/hle", "default", mine),
                        "round " + round + ", leaving out #" + mine + " (seed " + seed + ")");
            }
        }
    }
}
