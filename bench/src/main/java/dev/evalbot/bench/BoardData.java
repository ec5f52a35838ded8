package dev.evalbot.bench;

import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic but plausible stored reports: {@code benchmarks} benchmarks of 1 to 5 tasks, every
 * fifth task lower-is-better, a pool of models reporting on them through a few PRs each, mostly
 * author tier, some community, few verified, 2% closed or hidden, values with 3 decimals so that
 * ties happen. Deterministic for a seed.
 */
final class BoardData {
    static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private BoardData() {}

    static String benchmark(int b) {
        return "org" + b + "/bench" + b;
    }

    static int tasks(int b) {
        return 1 + b % 5;
    }

    static TaskCatalog catalog() {
        return (benchmarkId, taskId) -> taskId.endsWith("4");
    }

    /**
     * @param skewed false: benchmarks equally popular; true: the first ones get most reports
     *     (popularity falls like 1/rank), the shape of a real hub
     */
    static List<BoardEntry> generate(int count, int benchmarks, int models, boolean skewed, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] modelIds = new String[models];
        String[] urls = new String[models];
        for (int m = 0; m < models; m++) {
            modelIds[m] = "owner" + (m % 997) + "/model-" + m;
            urls[m] = "https://huggingface.co/" + modelIds[m];
        }
        String[] benchmarkIds = new String[benchmarks];
        String[][] taskIds = new String[benchmarks][];
        for (int b = 0; b < benchmarks; b++) {
            benchmarkIds[b] = benchmark(b);
            taskIds[b] = new String[tasks(b)];
            for (int t = 0; t < taskIds[b].length; t++) {
                taskIds[b][t] = "task" + t;
            }
        }
        String[] notes = {null, null, null, "no tools", "with tools", "provider A", "5-shot"};
        double harmonic = 0;
        for (int b = 1; b <= benchmarks; b++) {
            harmonic += 1.0 / b;
        }
        List<BoardEntry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int b = skewed ? zipf(random.nextDouble() * harmonic, benchmarks) : random.nextInt(benchmarks);
            int t = random.nextInt(taskIds[b].length);
            int m = random.nextInt(models);
            int pr = random.nextInt(4);
            int roll = random.nextInt(100);
            Tier tier = roll < 10 ? Tier.VERIFIED : roll < 70 ? Tier.AUTHOR : Tier.COMMUNITY;
            PrState state = tier == Tier.COMMUNITY ? PrState.OPEN : PrState.MERGED;
            int excluded = random.nextInt(100);
            if (excluded == 0) {
                state = PrState.CLOSED;
            }
            Instant date = EPOCH.plusSeconds(random.nextLong(2L * 365 * 86_400));
            double value = Math.round(random.nextDouble() * 100_000) / 1000.0;
            out.add(new BoardEntry(modelIds[m], benchmarkIds[b], taskIds[b][t], value, tier,
                    random.nextInt(10) == 0 ? null : date, date, notes[random.nextInt(notes.length)], urls[m],
                    "model card", "hub", pr, state, false, false, excluded == 1, ".eval_results/" + b + ".yaml",
                    1 + random.nextInt(200)));
        }
        return out;
    }

    private static int zipf(double u, int n) {
        double sum = 0;
        for (int b = 1; b <= n; b++) {
            sum += 1.0 / b;
            if (u < sum) {
                return b - 1;
            }
        }
        return n - 1;
    }
}
