package dev.evalbot.app.board;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.review.Review;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.check.ChangedFile;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.modelindex.ModelIndexChange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Seeds the store from local checkouts of model repositories: their {@code .eval_results/} at the
 * checked-out revision, validated like a review, recorded as the default branch (author tier, or
 * verified when a token verifies), so that a new deployment starts with full leaderboards.
 */
public final class Backfill {
    /** One repository's outcome. */
    public record Seeded(String repo, int files, int entries, long errors) {}

    private final ChangeValidator validator;
    private final TrustAnnotator trust;
    private final ResultRecorder recorder;
    private final int maxBytes;
    private final ModelCardListener cards;

    /** @param cards told each checkout's model card (README.md), read beside its results */
    public Backfill(ChangeValidator validator, TrustAnnotator trust, ResultRecorder recorder, int maxBytes,
            ModelCardListener cards) {
        this.cards = cards;
        this.validator = validator;
        this.trust = trust;
        this.recorder = recorder;
        this.maxBytes = maxBytes;
    }

    /**
     * @param checkout a model repository's working tree
     * @param repoId its id ({@code owner/name}); the checkout's last two directories when null
     */
    public Seeded seed(String platform, Path checkout, String repoId) throws IOException {
        return record(prepare(platform, checkout, repoId));
    }

    /** A checkout read and validated, not yet recorded: what a batch of one commit holds per repository. */
    private record Prepared(PullRequestRef pr, Review review, byte[] card, Seeded seeded) {}

    /** Reads and validates a checkout; writes nothing. */
    private Prepared prepare(String platform, Path checkout, String repoId) throws IOException {
        String repo = repoId != null ? repoId : idOf(checkout);
        List<ChangedFile> files = new ArrayList<>();
        Path results = checkout.resolve(".eval_results");
        if (Files.isDirectory(results)) {
            try (Stream<Path> walk = Files.walk(results)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = checkout.relativize(p).toString().replace('\\', '/');
                    if (FileKind.ofRepoPath(rel) == FileKind.RESULTS) {
                        try (InputStream in = Files.newInputStream(p)) {
                            files.add(new ChangedFile(rel, FileKind.RESULTS, in.readNBytes(maxBytes + 1)).withSize(Files.size(p)));
                        }
                    }
                }
            }
        }
        ChangeReport report = validator.validate(repo, files);
        PullRequestRef pr = new PullRequestRef(PlatformId.of(platform), repo, "model", 0, "backfill", null, null, null, Set.of(), null);
        TrustAnnotator.Annotated annotated = trust.annotate(pr, report, false);
        Review review = new Review(repo, 0, "backfill", annotated.report(), annotated.statuses(), List.of(), false);
        byte[] card = cards != ModelCardListener.NONE ? card(checkout) : null;
        int entries = annotated.report().files().stream().mapToInt(f -> f.acceptedEntries().size()).sum();
        return new Prepared(pr, review, card, new Seeded(repo, files.size(), entries,
                annotated.report().count(dev.evalbot.rules.check.Severity.ERROR)));
    }

    /** Writes a prepared checkout's card and results. */
    private Seeded record(Prepared p) {
        if (cards != ModelCardListener.NONE) {
            // Before the results: their board refresh then sees the card too.
            cards.read(p.pr(), p.card());
        }
        recorder.reviewed(p.pr(), p.review());
        return p.seeded();
    }

    private byte[] card(Path checkout) throws IOException {
        Path card = checkout.resolve(ModelIndexChange.CARD);
        if (!Files.isRegularFile(card)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(card)) {
            return in.readNBytes(maxBytes + 1);
        }
    }

    /** Threads that seed at once unless configured otherwise ({@code EVALBOT_BACKFILL_THREADS}). */
    public static final int DEFAULT_THREADS = 4;

    /** Repositories written in one commit unless configured otherwise ({@code EVALBOT_BACKFILL_BATCH}). */
    public static final int DEFAULT_BATCH = 100;

    /**
     * Runs the writes of a batch of repositories in one transaction (one commit, one fsync on
     * SQLite, where writes made inside a write join its transaction).
     */
    @FunctionalInterface
    public interface OneCommit {
        /** Each write on its own: no batching. */
        OneCommit EACH = Runnable::run;

        void run(Runnable writes);
    }

    /** As {@link #seedEach(String, List, String, int, int, OneCommit, Consumer)}, a commit per repository. */
    public void seedEach(String platform, List<Path> checkouts, String repoId, int threads, Consumer<Seeded> each)
            throws IOException {
        seedEach(platform, checkouts, repoId, threads, 1, OneCommit.EACH, each);
    }

    /**
     * Seeds {@code checkouts}: read and validated on {@code threads} threads while this one writes
     * them, {@code batch} repositories per commit ({@code oneCommit}), telling {@code each} their
     * outcomes in the given order once written. A store that fsyncs each commit (SQLite,
     * {@code synchronous=FULL}) is otherwise bound by one fsync per repository. At most
     * {@code batch} plus {@code 4 * threads} repositories are in memory at a time.
     *
     * @param repoId the id of a single checkout, or null to take each one's last two directories
     */
    public void seedEach(String platform, List<Path> checkouts, String repoId, int threads, int batch,
            OneCommit oneCommit, Consumer<Seeded> each) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "evalbot-backfill");
            t.setDaemon(true);
            return t;
        });
        try {
            // Submitted a window ahead of the one awaited: the queue stays small for any number of paths.
            Deque<Future<Prepared>> inFlight = new ArrayDeque<>();
            List<Prepared> ready = new ArrayList<>();
            int window = Math.max(1, threads) * 4;
            for (Path p : checkouts) {
                inFlight.add(pool.submit(() -> prepare(platform, p, repoId)));
                if (inFlight.size() >= window) {
                    ready.add(await(inFlight.poll()));
                    if (ready.size() >= Math.max(1, batch)) {
                        write(ready, oneCommit, each);
                    }
                }
            }
            while (!inFlight.isEmpty()) {
                ready.add(await(inFlight.poll()));
                if (ready.size() >= Math.max(1, batch)) {
                    write(ready, oneCommit, each);
                }
            }
            write(ready, oneCommit, each);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes {@code ready} in one commit, then tells their outcomes; empties it. */
    private void write(List<Prepared> ready, OneCommit oneCommit, Consumer<Seeded> each) {
        if (ready.isEmpty()) {
            return;
        }
        if (ready.size() == 1) {
            each.accept(record(ready.get(0)));
        } else {
            oneCommit.run(() -> ready.forEach(this::record));
            ready.forEach(p -> each.accept(p.seeded()));
        }
        ready.clear();
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("backfill interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every checkout under {@code root} laid out as {@code owner/name/}. */
    public List<Seeded> seedAll(String platform, Path root) throws IOException {
        List<Seeded> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> owners = Files.list(root)) {
            for (Path owner : owners.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> repos = Files.list(owner)) {
                    for (Path repo : repos.filter(Files::isDirectory).sorted().toList()) {
                        out.add(seed(platform, repo, owner.getFileName() + "/" + repo.getFileName()));
                    }
                }
            }
        }
        return out;
    }

    static String idOf(Path checkout) {
        Path abs = checkout.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        return (parent == null || parent.getFileName() == null ? "local" : parent.getFileName().toString()) + "/"
                + abs.getFileName();
    }
}
