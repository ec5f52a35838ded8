package dev.evalbot.app.cli;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.board.Backfill;
import dev.evalbot.app.board.BaseModelRecorder;
import dev.evalbot.app.cli.common.ExitCodes;
import dev.evalbot.app.config.ConfigSource;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.app.review.Counted;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.ModelCardStore;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.check.ChangeValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evalbot backfill PATH...}: seeds the store (EVALBOT_DB) from local checkouts of model
 * repositories, as the default branch (author tier), so that a new deployment starts with full
 * leaderboards. A running server picks the change up through its refresh schedule.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Seed the leaderboards from local checkouts of model repositories (their .eval_results/ "
                + "as the default branch) into the store named by $EVALBOT_DB. Exit 0: seeded; 1: some files had errors (their entries are skipped); 2: usage or I/O.")
final class BackfillCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR", description = "configuration directory (default: $EVALBOT_CONFIG, else ./config)")
    Path config;

    @Option(names = "--repo-id", paramLabel = "OWNER/NAME", description = "the id of a single PATH (default: its last two directories)")
    String repoId;

    /** The label is help text (kept as the docs show it); the check and the default read the shipped list. */
    @Option(names = "--platform", paramLabel = "github|hub", description = "where the repositories live")
    String platform;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "model repository checkouts")
    List<Path> paths;

    private final Map<String, String> env;

    BackfillCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** {@code EVALBOT_BACKFILL_THREADS}: repositories seeded at once (default 4, 1 to 64). */
    private static int threads(Map<String, String> env) {
        String value = env.get("EVALBOT_BACKFILL_THREADS");
        if (value == null || value.isBlank()) {
            return Backfill.DEFAULT_THREADS;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("EVALBOT_BACKFILL_THREADS must be a whole number from 1 to 64, got " + value);
    }

    /** {@code EVALBOT_BACKFILL_BATCH}: repositories written per commit (default 100, 1 to 10,000). */
    private static int batch(Map<String, String> env) {
        String value = env.get("EVALBOT_BACKFILL_BATCH");
        if (value == null || value.isBlank()) {
            return Backfill.DEFAULT_BATCH;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("EVALBOT_BACKFILL_BATCH must be a whole number from 1 to 10000, got "
                + value);
    }

    @Override
    public Integer call() throws Exception {
        if (repoId != null && paths.size() != 1) {
            throw new IllegalArgumentException("--repo-id names one repository: give exactly one PATH");
        }
        KnownPlatforms known = PlatformModules.known();
        if (platform == null) {
            platform = known.first().code();
        }
        if (!known.knows(platform)) {
            throw new IllegalArgumentException("--platform must be " + String.join(" or ", known.codes()));
        }
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                throw new IOException("not a directory: " + p);
            }
        }
        Clock clock = Clock.systemUTC();
        LocalConfig local = LocalConfig.load(ConfigSource.resolve(config, env, Path.of("")), null);
        try (Database db = Database.open(store())) {
            RefreshStore refreshes = new RefreshStore(db, Duration.ofMinutes(2));
            ResultStore results = new ResultStore(db, clock);
            // Each benchmark's refresh is scheduled once at the end, not once per repository.
            Set<String> changed = ConcurrentHashMap.newKeySet();
            AtomicBoolean cardChanged = new AtomicBoolean();
            ResultRecorder recorder = new ResultRecorder(results, changed::add);
            Backfill backfill = new Backfill(new ChangeValidator(local.rules(), local.registry(), clock),
                    TrustAnnotator.OFFLINE, recorder, local.rules().limits().maxBytes(),
                    new BaseModelRecorder(new ModelCardStore(db, clock), local.rules().limits().maxBytes(),
                            // A changed card lists its model differently on every board: the server refreshes
                            // them all (once, at the end: the list of benchmarks is read once).
                            model -> cardChanged.set(true)));
            long[] errors = {0};
            Iterator<Path> order = paths.iterator();
            try {
                // Several repositories at once, their outcomes told in the order given.
                // A batch of repositories per commit where writes inside a write share its transaction
                // (SQLite: one fsync per batch instead of one per repository).
                Backfill.OneCommit oneCommit = db.groupCommits()
                        ? writes -> db.write("backfill a batch of repositories", c -> {
                            writes.run();
                            return null;
                        })
                        : Backfill.OneCommit.EACH;
                backfill.seedEach(platform, paths, repoId, threads(env), batch(env), oneCommit, s -> {
                    Path p = order.next();
                    errors[0] += s.errors();
                    // A guessed id decides whose row the scores land on: say so, and how to correct it.
                    String guessed = repoId == null ? " (id guessed from the last two directories of " + p
                            + "; --repo-id OWNER/NAME to set it)" : "";
                    spec.commandLine().getOut().println(s.repo() + guessed + ": "
                            + Counted.of(s.entries(), "entry", "entries") + " from " + Counted.of(s.files(), "file")
                            + (s.errors() > 0 ? ", " + Counted.of(s.errors(), "error") + " (run evalbot validate " + p
                            + ")" : ""));
                });
            } finally {
                if (cardChanged.get()) {
                    changed.addAll(results.datasetIds());
                }
                new TreeSet<>(changed).forEach(id -> refreshes.schedule(id, clock.instant()));
            }
            return errors[0] > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
    }

    /**
     * The server's store, never one made up next to what is read: without {@code EVALBOT_DB} the
     * default file must exist already (run in a model checkout, it would otherwise be created there),
     * and an SQLite file inside a checkout being read is refused whoever named it.
     */
    private StoreConfig store() {
        StoreConfig store = StoreConfig.fromEnvironment(env);
        Optional<Path> file = store.sqliteFile().map(f -> f.toAbsolutePath().normalize());
        if (file.isEmpty()) {
            return store;
        }
        for (Path p : paths) {
            Path checkout = p.toAbsolutePath().normalize();
            if (file.get().startsWith(checkout)) {
                throw new IllegalArgumentException("the store " + file.get() + " would be inside " + checkout
                        + ", the repository being read: set EVALBOT_DB to the server's store, e.g. "
                        + "EVALBOT_DB=jdbc:sqlite:/srv/evalbot/data/evalbot.db");
            }
        }
        String named = env.get("EVALBOT_DB");
        if ((named == null || named.isBlank()) && !Files.exists(file.get())) {
            throw new IllegalArgumentException("no store at " + file.get() + ": set EVALBOT_DB to the server's store "
                    + "(an SQLite file that EVALBOT_DB names is created when it does not exist yet)");
        }
        return store;
    }
}
