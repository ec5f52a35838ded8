package dev.evalbot.rules.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far one model's scores on one task differ between inference providers (identical weights,
 * different serving). Only reports whose notes name a provider count; each provider contributes
 * its most trusted report (the row's preference order), so a provider that reported twice does
 * not widen the spread with its own older run.
 *
 * @param providers provider names, sorted
 * @param min lowest value among them
 * @param max highest value among them
 */
public record ProviderSpread(List<String> providers, double min, double max) {
    public ProviderSpread {
        providers = List.copyOf(providers);
    }

    public double width() {
        return max - min;
    }

    /** The spread of a row's reports, when two or more providers reported; empty otherwise. */
    public static Optional<ProviderSpread> of(Row row, FacetParser parser) {
        List<BoardEntry> reports = new ArrayList<>(row.reports());
        reports.add(row.best());
        reports.addAll(row.others());
        return of(reports, parser);
    }

    /** @param reports one model's reports on one task, most preferred first */
    public static Optional<ProviderSpread> of(List<BoardEntry> reports, FacetParser parser) {
        Map<String, Double> first = new TreeMap<>();
        for (BoardEntry e : reports) {
            String provider = parser.parse(e.notes()).provider();
            if (provider != null) {
                first.putIfAbsent(provider, e.value());
            }
        }
        if (first.size() < 2) {
            return Optional.empty();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : first.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return Optional.of(new ProviderSpread(new ArrayList<>(first.keySet()), min, max));
    }
}
