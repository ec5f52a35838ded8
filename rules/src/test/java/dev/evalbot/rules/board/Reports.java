package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.time.Instant;

/** Test reports with sensible defaults: an author-tier hle result of a Hub model, merged. */
final class Reports {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Reports() {}

    static Builder report(String model, double value) {
        return new Builder(model, value);
    }

    static Instant day(int n) {
        return T0.plusSeconds(86_400L * n);
    }

    static final class Builder {
        private String model;
        private double value;
        private String dataset = "cais/hle";
        private String task = "hle";
        private Tier tier = Tier.AUTHOR;
        private Instant date;
        private Instant updatedAt = T0;
        private String notes;
        private String platform = "hub";
        private int pr = 1;
        private PrState state = PrState.MERGED;
        private boolean rejected;
        private boolean hidden;
        private int line = 1;

        private Builder(String model, double value) {
            this.model = model;
            this.value = value;
        }

        Builder model(String m) { model = m; return this; }
        Builder value(double v) { value = v; return this; }
        Builder benchmark(String id, String taskId) { dataset = id; task = taskId; return this; }
        Builder task(String taskId) { task = taskId; return this; }
        Builder tier(Tier t) { tier = t; return this; }
        Builder community() { tier = Tier.COMMUNITY; state = PrState.OPEN; return this; }
        Builder verified() { tier = Tier.VERIFIED; return this; }
        Builder date(Instant d) { date = d; return this; }
        Builder updatedAt(Instant u) { updatedAt = u; return this; }
        Builder notes(String n) { notes = n; return this; }
        Builder platform(String p) { platform = p; return this; }
        Builder pr(int n) { pr = n; return this; }
        Builder state(PrState s) { state = s; return this; }
        Builder rejected() { rejected = true; return this; }
        Builder hidden() { hidden = true; return this; }
        Builder line(int l) { line = l; return this; }

        BoardEntry build() {
            return new BoardEntry(model, dataset, task, value, tier, date, updatedAt, notes,
                    "https://example.org/" + model, "paper", platform, pr, state, false, rejected, hidden,
                    ".eval_results/" + task + ".yaml", line);
        }
    }
}
