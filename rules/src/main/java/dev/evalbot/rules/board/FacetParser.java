package dev.evalbot.rules.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link Facets} out of free-text notes ("no-tools, 5-shot via Together, T=0.6"). Only
 * phrases that leave no doubt count; anything else leaves the facet unknown rather than guessed.
 * Negations are looked for first, so "no tools" never reads as "tools". Providers are matched as
 * whole words against the configured list only, so a model name in the notes is not a provider.
 * Thread-safe; its only state is a bounded memo of notes already read.
 */
public final class FacetParser {
    /** Notes longer than this are read only up to here: the phrases that matter come first. */
    static final int MAX_CHARS = 2000;

    private static final Pattern NO_TOOLS = Pattern.compile(
            "\\b(?:no|without|w/o|sans)[\\s_-]*tool(?:s|[\\s_-]*use)?\\b|\\btool[\\s_-]*free\\b|\\bnotools\\b");
    private static final Pattern TOOLS = Pattern.compile(
            "\\b(?:with|w/|using)[\\s_-]*tools?\\b|\\btool[\\s_-]*(?:use|calling|augmented)\\b|(?:^|[\\s,;(+])tools\\b"
                    + "|\\+[\\s]*tools\\b");
    private static final Pattern NO_COT = Pattern.compile(
            "\\b(?:no|without|w/o)[\\s_-]*(?:cot|chain[\\s_-]*of[\\s_-]*thought|reasoning|thinking)\\b");
    private static final Pattern COT = Pattern.compile(
            "\\bcot\\b|\\bchain[\\s_-]*of[\\s_-]*thought\\b|\\bwith[\\s_-]*(?:reasoning|thinking)\\b");
    private static final Pattern SHOTS = Pattern.compile("\\b(\\d{1,3})[\\s_-]*shots?\\b");
    private static final Pattern WORD_SHOTS = Pattern.compile(
            "\\b(zero|one|two|three|four|five|six|seven|eight|nine|ten)[\\s_-]*shots?\\b");
    private static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten");
    private static final Pattern TEMPERATURE = Pattern.compile(
            "\\b(?:temperature|temp)\\s*(?:[:=]|of|at)?\\s*(\\d{1,3}(?:\\.\\d{1,6})?)(?![\\d.])"
                    + "|(?:^|[\\s,;(])t\\s*=\\s*(\\d{1,3}(?:\\.\\d{1,6})?)(?![\\d.])");

    /** Distinct notes remembered at most; a short string and a small record each. */
    static final int MEMO_ENTRIES = 4096;

    private final List<String> providers;
    /** Null in the shared {@link #NO_PROVIDERS}, which keeps no state. */
    private final Map<String, Facets> memo;
    private final List<Pattern> providerPatterns;

    /** @param providers provider names as they should be shown (e.g. {@code Together}); matched case-insensitively */
    public FacetParser(List<String> providers) {
        this(providers, true);
    }

    private FacetParser(List<String> providers, boolean memoize) {
        this.memo = memoize ? new ConcurrentHashMap<>() : null;
        List<String> names = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String p : providers) {
            Objects.requireNonNull(p, "provider");
            String name = p.strip();
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a provider name is one word without spaces, got '" + p + "'");
            }
            names.add(name);
            // Whole word: not inside another word or a repository id ("fireworks-ai/x" stays a repo).
            patterns.add(Pattern.compile("(?<![\\w/.-])" + Pattern.quote(name.toLowerCase(Locale.ROOT))
                    + "(?![\\w/]|\\.\\w|-\\w)"));
        }
        this.providers = List.copyOf(names);
        this.providerPatterns = List.copyOf(patterns);
    }

    public static final FacetParser NO_PROVIDERS = new FacetParser(List.of(), false);

    public List<String> providers() {
        return providers;
    }

    public Facets parse(String notes) {
        if (notes == null || notes.isBlank()) {
            return Facets.NONE;
        }
        // A board repeats the same few notes across thousands of reports, and every page reads
        // them: a bounded memo of recent notes (dropped whole when full) spares the regexes.
        if (memo == null) {
            return read(notes);
        }
        Facets known = memo.get(notes);
        if (known != null) {
            return known;
        }
        Facets read = read(notes);
        if (memo.size() >= MEMO_ENTRIES) {
            memo.clear();
        }
        memo.put(notes, read);
        return read;
    }

    private Facets read(String notes) {
        String text = (notes.length() > MAX_CHARS ? notes.substring(0, MAX_CHARS) : notes).toLowerCase(Locale.ROOT);
        Boolean tools = NO_TOOLS.matcher(text).find() ? Boolean.FALSE : TOOLS.matcher(text).find() ? Boolean.TRUE : null;
        Boolean cot = NO_COT.matcher(text).find() ? Boolean.FALSE : COT.matcher(text).find() ? Boolean.TRUE : null;
        return new Facets(tools, cot, shots(text), provider(text), temperature(text));
    }

    private static Integer shots(String text) {
        Matcher m = SHOTS.matcher(text);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        Matcher w = WORD_SHOTS.matcher(text);
        return w.find() ? NUMBERS.indexOf(w.group(1)) : null;
    }

    /** The provider named first in the notes. */
    private String provider(String text) {
        int first = Integer.MAX_VALUE;
        String found = null;
        for (int i = 0; i < providerPatterns.size(); i++) {
            Matcher m = providerPatterns.get(i).matcher(text);
            if (m.find() && m.start() < first) {
                first = m.start();
                found = providers.get(i);
            }
        }
        return found;
    }

    private static Double temperature(String text) {
        Matcher m = TEMPERATURE.matcher(text);
        if (!m.find()) {
            return null;
        }
        double t = Double.parseDouble(m.group(1) != null ? m.group(1) : m.group(2));
        // Sampling temperatures live in 0..2 (some APIs allow up to 5); anything else is not one.
        return t <= 5 ? t : null;
    }
}
