package dev.evalbot.app.cli;

import dev.evalbot.app.board.Backfill;
import dev.evalbot.app.board.BaseModelRecorder;
import dev.evalbot.app.config.ConfigSource;
import dev.evalbot.app.config.LocalConfig;
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
                + "as the default branch). Exit 0: seeded; 1: some files had errors (their entries are skipped); 2: usage or I/O.")
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

    @Override
    public Integer call() throws Exception {
        if (repoId != null && paths.size() != 1) {
            throw new IllegalArgumentException("--repo-id names one repository: give exactly one PATH");
        }
        if (!platform.equals("github") && !platform.equals("hub")) {
            throw new IllegalArgumentException("--platform must be github or hub");
        }
        var env = System.getenv();
        Clock clock = Clock.systemUTC();
        LocalConfig local = LocalConfig.load(ConfigSource.resolve(config, env, Path.of("")), null);
        try (Database db = Database.open(StoreConfig.fromEnvironment(env))) {
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
                if (!Files.isDirectory(p)) {
                    throw new IOException("not a directory: " + p);
                }
                Backfill.Seeded s = backfill.seed(platform, p, repoId);
                errors += s.errors();
                spec.commandLine().getOut().println(s.repo() + ": " + s.entries() + " entries from " + s.files()
                        + " files" + (s.errors() > 0 ? ", " + s.errors() + " errors (run evalbot validate " + p + ")" : ""));
            }
            return errors > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
    }
}
