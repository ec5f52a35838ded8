package dev.evalbot.app.registry;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the registry the settings ask for: offline, the shipped {@code config/benchmarks/}
 * alone; online, the Hub with the shipped definitions as its fallback.
 */
public final class RegistryFactory {
    private final Clock clock;
    private final FetchRetry.Sleeper sleeper;

    public RegistryFactory() {
        this(Clock.systemUTC(), FetchRetry.Sleeper.THREAD);
    }

    public RegistryFactory(Clock clock) {
        this(clock, FetchRetry.Sleeper.THREAD);
    }

    /** @param sleeper waits between retries; tests pass one that does not */
    public RegistryFactory(Clock clock, FetchRetry.Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param benchmarksDir the shipped definitions, usually {@code <config>/benchmarks}
     * @throws dev.evalbot.rules.config.ConfigException when a shipped definition does not validate
     */
    public BenchmarkRegistry create(RegistrySettings settings, RulesConfig rules, Path benchmarksDir) {
        StaticRegistry local = shipped(settings, rules, benchmarksDir);
        if (settings.offline()) {
            return local;
        }
        return new HubRegistry(settings, hubClient(settings, rules), new BenchmarkParser(rules), local, clock,
                Ticker.systemTicker(), fetchExecutor(settings.http().fetchThreads()));
    }

    /** The shipped definitions that count in this mode (in allow-list mode, the listed ones). */
    public StaticRegistry shipped(RegistrySettings settings, RulesConfig rules, Path benchmarksDir) {
        List<Benchmark> all = new LocalRegistryLoader(rules).benchmarks(benchmarksDir);
        return new StaticRegistry(all.stream().filter(b -> settings.admits(b.id())).toList());
    }

    public HubClient hubClient(RegistrySettings settings, RulesConfig rules) {
        HttpSettings http = settings.http().withRetry(settings.http().retry().withSleeper(sleeper));
        return new HubClient(HubClient.httpClient(http), settings.withHttp(http), rules.limits().maxBytes());
    }

    /** Bounded, daemon, idle threads exit: the registry needs no shutdown. */
    private static Executor fetchExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "evalbot-registry-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
