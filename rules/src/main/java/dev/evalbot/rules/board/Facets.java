package dev.evalbot.rules.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configuration a report's free-text {@code notes} reveal, so that variants of one model can be
 * told apart, shown as chips and filtered. Every facet is null when the notes do not say.
 *
 * @param tools true "with tools", false "no tools"
 * @param chainOfThought true "CoT" / "chain-of-thought", false "no CoT"
 * @param shots the n of "n-shot" (0 for zero-shot)
 * @param provider an inference provider from the configured list, in its configured spelling
 * @param temperature the sampling temperature
 */
public record Facets(Boolean tools, Boolean chainOfThought, Integer shots, String provider, Double temperature) {
    public static final Facets NONE = new Facets(null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * Short labels, one per known facet, in a fixed order: {@code tools}, {@code no tools},
     * {@code CoT}, {@code no CoT}, {@code 5-shot}, {@code provider: x}, {@code T=0.7}.
     */
    public List<String> chips() {
        List<String> out = new ArrayList<>(5);
        if (tools != null) {
            out.add(tools ? "tools" : "no tools");
        }
        if (chainOfThought != null) {
            out.add(chainOfThought ? "CoT" : "no CoT");
        }
        if (shots != null) {
            out.add(shots + "-shot");
        }
        if (provider != null) {
            out.add("provider: " + provider);
        }
        if (temperature != null) {
            out.add("T=" + plain(temperature));
        }
        return out;
    }

    /**
     * Machine keys, one per known facet ({@code tools:yes}, {@code cot:no}, {@code shots:5},
     * {@code provider:together}, {@code temperature:0.7}), for filtering. Provider names are
     * lower-cased and never contain spaces (see {@link FacetParser}).
     */
    public List<String> keys() {
        List<String> out = new ArrayList<>(5);
        if (tools != null) {
            out.add("tools:" + (tools ? "yes" : "no"));
        }
        if (chainOfThought != null) {
            out.add("cot:" + (chainOfThought ? "yes" : "no"));
        }
        if (shots != null) {
            out.add("shots:" + shots);
        }
        if (provider != null) {
            out.add("provider:" + provider.toLowerCase(Locale.ROOT));
        }
        if (temperature != null) {
            out.add("temperature:" + plain(temperature));
        }
        return out;
    }

    static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
