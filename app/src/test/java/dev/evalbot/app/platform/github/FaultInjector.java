package dev.evalbot.app.platform.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Makes a fake GitHub unreliable, deterministically for a seed: a matched reply is replaced by a
 * 500, 502, 429 or secondary-rate-limit 403 (the last two with {@code Retry-After: 1}), or is
 * delayed.
 *
 * <p>The decision is a hash of (seed, method, URL, body, how often that same request came
 * before), not a draw from a shared random stream, so it does not depend on how concurrent
 * requests interleave as long as each group's requests are sequential (one delivery's are). Each
 * group (a delivery) gets at most a fixed number of failures. The fault is applied after the stub
 * matched: a POST that "fails" has still happened (a scenario moved on), as behind a gateway that
 * lost the reply.
 */
public final class FaultInjector implements ResponseDefinitionTransformerV2 {
    /** Statuses this injector answers with; the fakes' own stubs never use them. */
    public static final Set<Integer> FAULT_STATUSES = Set.of(500, 502, 429, 403);
    private static final List<Integer> FAULTS = List.of(500, 502, 429, 403);

    private final long seed;
    private final double failRate;
    private final double slowRate;
    private final int slowMillis;
    private final Function<LoggedRequest, String> group;
    private final int maxFaultsPerGroup;
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> budgets = new ConcurrentHashMap<>();
    private volatile boolean enabled = true;

    /**
     * @param failRate chance that a request fails
     * @param slowRate chance that a reply (failed or not) is delayed by {@code slowMillis}
     * @param group which delivery a request belongs to (e.g. its repository)
     * @param maxFaultsPerGroup most failures one group gets, so that every delivery completes well
     *     within its attempts and the test's length is bounded (the backoff doubles per attempt)
     */
    public FaultInjector(long seed, double failRate, double slowRate, int slowMillis,
            Function<LoggedRequest, String> group, int maxFaultsPerGroup) {
        this.seed = seed;
        this.failRate = failRate;
        this.slowRate = slowRate;
        this.slowMillis = slowMillis;
        this.group = group;
        this.maxFaultsPerGroup = maxFaultsPerGroup;
    }

    /** True for a status this injector sends with {@code Retry-After}. */
    public static boolean hasRetryAfter(int status) {
        return status == 429 || status == 403;
    }

    public void enabled(boolean on) {
        enabled = on;
    }

    @Override
    public String getName() {
        return "fault-injector";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        ResponseDefinition stubbed = event.getResponseDefinition();
        if (!enabled || !stubbed.wasConfigured()) {
            return stubbed;
        }
        LoggedRequest r = event.getRequest();
        String key = r.getMethod() + " " + r.getUrl() + " " + new String(r.getBody(), StandardCharsets.UTF_8);
        int occurrence = seen.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
        long h = mix(seed ^ fnv(key) ^ (occurrence * 0x9E3779B97F4A7C15L));
        boolean fail = unit(h) < failRate && budgets.computeIfAbsent(group.apply(r),
                g -> new AtomicInteger(maxFaultsPerGroup)).getAndDecrement() > 0;
        boolean slow = unit(mix(h)) < slowRate;
        ResponseDefinitionBuilder reply;
        if (fail) {
            int status = FAULTS.get((int) Long.remainderUnsigned(mix(h ^ 0x5DEECE66DL), FAULTS.size()));
            reply = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(status == 403
                            ? "{\"message\":\"You have exceeded a secondary rate limit. (fault injected)\"}"
                            : "{\"message\":\"fault injected\"}");
            if (hasRetryAfter(status)) {
                reply.withHeader("Retry-After", "1");
            }
        } else if (slow) {
            reply = ResponseDefinitionBuilder.like(stubbed).but();
        } else {
            return stubbed;
        }
        if (slow) {
            reply.withFixedDelay(slowMillis);
        }
        return reply.build();
    }

    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
