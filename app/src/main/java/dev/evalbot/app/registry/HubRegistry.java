package dev.evalbot.app.registry;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.evalbot.rules.benchmark.BenchmarkFile;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.model.Benchmark;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmarks as the Hub defines them: {@code eval.yaml} at the root of the dataset repository,
 * read at the entry's {@code dataset.revision} (else {@code main}) and validated by the rules'
 * {@link BenchmarkParser}.
 *
 * <p>Answers are cached per (id, revision): definitions for {@link CacheSettings#ttl()}, or for
 * good when read at a full commit sha; "not found" and "invalid" briefly. Concurrent lookups of
 * one key share one request. When the Hub cannot answer, the last good copy is used, then the
 * shipped definition ({@code fallback}), and only then {@link Lookup.Unavailable}.
 */
public final class HubRegistry implements BenchmarkRegistry {
    private static final Logger log = LoggerFactory.getLogger(HubRegistry.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final RegistrySettings settings;
    private final HubClient hub;
    private final BenchmarkParser parser;
    private final BenchmarkRegistry fallback;
    private final Clock clock;
    private final AsyncLoadingCache<CacheKey, Resolution> answers;
    private final Cache<CacheKey, Resolution.Resolved> lastGood;

    /**
     * @param fallback the shipped definitions, used only when the Hub cannot answer
     * @param clock dates the copies, for the "from cache" notice
     * @param ticker drives the cache's expiry; {@link Ticker#systemTicker()} in production
     * @param executor runs the fetches; bounded by {@link HttpSettings#fetchThreads()} in production
     */
    public HubRegistry(RegistrySettings settings, HubClient hub, BenchmarkParser parser, BenchmarkRegistry fallback,
            Clock clock, Ticker ticker, Executor executor) {
        if (settings.offline()) {
            // Offline means no HTTP call at all: that is the shipped StaticRegistry's job (RegistryFactory).
            throw new IllegalArgumentException("HubRegistry is for online settings; offline uses config/benchmarks only");
        }
        this.settings = settings;
        this.hub = hub;
        this.parser = parser;
        this.fallback = fallback;
        this.clock = clock;
        this.answers = Caffeine.newBuilder()
                .executor(executor)
                .ticker(ticker)
                .maximumSize(settings.cache().maxEntries())
                .expireAfter(new ResolutionExpiry(settings.cache()))
                .buildAsync(this::load);
        this.lastGood = Caffeine.newBuilder()
                .executor(executor)
                .maximumSize(settings.cache().maxLastGood())
                .build();
    }

    @Override
    public Lookup lookup(String datasetId, String revision) {
        if (!DatasetIds.isDatasetId(datasetId)) {
            return new Lookup.NotRegistered("dataset.id is a Hub dataset id of the form owner/name");
        }
        if (!settings.admits(datasetId)) {
            return new Lookup.NotRegistered(datasetId + " is not on evalbot's allow-list: its dataset repository needs "
                    + "an eval.yaml, and evalbot's maintainers add the id under registry.benchmarks in evalbot.yaml");
        }
        String wanted = revision == null || revision.isBlank() ? null : revision.trim();
        String invalidRevisionNotice = null;
        if (wanted != null && !DatasetIds.isRevision(wanted)) {
            invalidRevisionNotice = "benchmark definition read at main: '" + wanted + "' is not a git revision";
            wanted = null;
        }
        CacheKey key = new CacheKey(datasetId, wanted == null ? null : DatasetIds.normalizeRevision(wanted));
        Resolution answer;
        try {
            answer = answers.get(key).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lookup.Unavailable("interrupted while reading the definition of " + datasetId);
        } catch (ExecutionException e) {
            log.warn("reading the eval.yaml of {} failed", datasetId, e.getCause());
            answer = new Resolution.Failed("unexpected error: " + e.getCause().getClass().getSimpleName());
        }
        if (answer instanceof Resolution.Resolved r) {
            return new Lookup.Found(r.benchmark(), r.notice() != null ? r.notice() : invalidRevisionNotice);
        }
        if (answer instanceof Resolution.Absent a) {
            return new Lookup.NotRegistered(a.howToRegister());
        }
        if (answer instanceof Resolution.Invalid i) {
            return degrade(key, "the current eval.yaml has errors (" + i.problem() + ")",
                    new Lookup.NotRegistered("the eval.yaml of " + datasetId + " has errors, so it is not a usable "
                            + "benchmark yet: " + i.problem()), false);
        }
        String reason = ((Resolution.Failed) answer).reason();
        return degrade(key, "the Hub could not be reached (" + reason + ")",
                new Lookup.Unavailable("the Hub could not be reached (" + reason + ") and no copy of the eval.yaml of "
                        + datasetId + " is cached"), true);
    }

    /** The last good copy, then (when the Hub is unreachable) the shipped definition, then {@code otherwise}. */
    private Lookup degrade(CacheKey key, String why, Lookup otherwise, boolean hubUnreachable) {
        Resolution.Resolved copy = lastGood.getIfPresent(key);
        if (copy != null) {
            String notice = "benchmark definition from cache, " + DATE.format(copy.fetchedAt()) + ": " + why;
            return new Lookup.Found(copy.benchmark(), copy.notice() == null ? notice : notice + "; " + copy.notice());
        }
        if (hubUnreachable && fallback.lookup(key.datasetId(), key.revision()) instanceof Lookup.Found shipped) {
            return new Lookup.Found(shipped.benchmark(),
                    "benchmark definition from evalbot's shipped config/benchmarks: " + why);
        }
        return otherwise;
    }

    @Override
    public Collection<String> ids() {
        TreeSet<String> ids = new TreeSet<>(settings.allowList());
        if (settings.mode() == RegistryMode.ANY) {
            ids.addAll(fallback.ids());
            lastGood.asMap().keySet().forEach(k -> ids.add(k.datasetId()));
        }
        return List.copyOf(ids);
    }

    /** Runs on the executor, once per key however many lookups wait for it. */
    private Resolution load(CacheKey key) {
        String notice = null;
        if (key.revision() != null) {
            HubFetch atRevision = hub.fetchEvalYaml(key.datasetId(), key.revision());
            if (!(atRevision instanceof HubFetch.NotFound)) {
                return resolve(key, atRevision, null, key.immutable());
            }
            notice = "benchmark definition read at main: eval.yaml not found at revision " + key.revision();
        }
        return resolve(key, hub.fetchEvalYaml(key.datasetId(), "main"), notice, false);
    }

    private Resolution resolve(CacheKey key, HubFetch fetch, String notice, boolean immutable) {
        String id = key.datasetId();
        if (fetch instanceof HubFetch.Fetched f) {
            BenchmarkFile parsed = parser.parse(id, id + "/eval.yaml", f.bytes());
            if (!parsed.registrable()) {
                return new Resolution.Invalid(DefinitionErrors.firstError(parsed));
            }
            Resolution.Resolved resolved = new Resolution.Resolved(parsed.benchmark().get(), notice,
                    Instant.now(clock), immutable);
            lastGood.put(key, resolved);
            return resolved;
        }
        if (fetch instanceof HubFetch.NotFound) {
            return new Resolution.Absent(settings.mode() == RegistryMode.ANY
                    ? id + " has no eval.yaml on the Hub: a benchmark is a dataset repository with an eval.yaml at its root"
                    : id + " is on evalbot's allow-list, but its dataset repository has no eval.yaml on the Hub");
        }
        if (fetch instanceof HubFetch.TooLarge t) {
            return new Resolution.Invalid(id + "/eval.yaml is larger than " + t.limit() + " bytes");
        }
        HubFetch.Failed failed = (HubFetch.Failed) fetch;
        log.warn("could not read {}: {}", failed.uri(), failed.reason());
        return new Resolution.Failed(failed.reason());
    }
}
