package dev.evalbot.app.cli;

import dev.evalbot.app.board.Backfill;
import dev.evalbot.app.board.BaseModelRecorder;
import dev.evalbot.app.config.ConfigSource;
import dev.evalbot.app.config.LocalConfig;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
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

    @Option(names = "--platform", paramLabel = "github|hub", defaultValue = "github", description = "where the repositories live")
    String platform;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "model repository checkouts")
    List<Path> paths;

    private final Map<String, String> env;

    BackfillCommand() {
        this(System.getenv());
    }

    BackfillCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() throws Exception {
        if (repoId != null && paths.size() != 1) {
            throw new IllegalArgumentException("--repo-id names one repository: give exactly one PATH");
        }
        if (!platform.equals("github") && !platform.equals("hub")) {
            throw new IllegalArgumentException("--platform must be github or hub");
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
            ResultRecorder recorder = new ResultRecorder(results,
                    id -> refreshes.schedule(id, clock.instant()));
            Backfill backfill = new Backfill(new ChangeValidator(local.rules(), local.registry(), clock),
                    TrustAnnotator.OFFLINE, recorder, local.rules().limits().maxBytes(),
                    new BaseModelRecorder(new ModelCardStore(db, clock), local.rules().limits().maxBytes(),
                            // A changed card lists its model differently on every board: the server refreshes them all.
                            model -> results.datasetIds().forEach(id -> refreshes.schedule(id, clock.instant()))));
            long errors = 0;
            for (Path p : paths) {
                Backfill.Seeded s = backfill.seed(platform, p, repoId);
                errors += s.errors();
                // A guessed id decides whose row the scores land on: say so, and how to correct it.
                String guessed = repoId == null ? " (id guessed from the last two directories of " + p
                        + "; --repo-id OWNER/NAME to set it)" : "";
                spec.commandLine().getOut().println(s.repo() + guessed + ": " + Counted.of(s.entries(), "entry", "entries")
                        + " from " + Counted.of(s.files(), "file")
                        + (s.errors() > 0 ? ", " + Counted.of(s.errors(), "error") + " (run evalbot validate " + p + ")" : ""));
            }
            return errors > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
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
