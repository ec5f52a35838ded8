package dev.evalbot.rules.check;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" by edit distance: the closest candidate within a third of the word's length. */
public final class Suggestions {
    private Suggestions() {}

    public static Optional<String> closest(String given, Collection<String> candidates) {
        if (given == null || given.isEmpty()) {
            return Optional.empty();
        }
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = c.equals(g) ? 0 : distance(g, c, bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, giving up early once it exceeds {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public static String didYouMean(Optional<String> suggestion) {
        return suggestion.map(s -> "did you mean `" + s + "`?").orElse(null);
    }
}
