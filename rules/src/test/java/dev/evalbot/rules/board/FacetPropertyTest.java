package dev.evalbot.rules.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For arbitrary notes, parsing never fails and stays bounded; for notes built from known phrases
 * (in any order and case, with filler between them), parsing finds exactly the facets put in.
 */
class FacetPropertyTest {
    private static final List<String> PROVIDERS = List.of("Together", "Fireworks", "Groq", "Novita");
    private final FacetParser parser = new FacetParser(PROVIDERS);

    @Property(tries = 1000)
    void anyTextParsesWithoutFailing(@ForAll String notes) {
        Facets f = parser.parse(notes);
        assertEquals(f.chips().size(), f.keys().size());
        if (f.provider() != null) {
            assertTrue(PROVIDERS.contains(f.provider()));
        }
        if (f.temperature() != null) {
            assertTrue(f.temperature() >= 0 && f.temperature() <= 5);
        }
    }

    @Provide
    Arbitrary<Facets> facets() {
        return Combinators.combine(Arbitraries.of(true, false).injectNull(0.3),
                Arbitraries.of(true, false).injectNull(0.3), Arbitraries.integers().between(0, 64).injectNull(0.3),
                Arbitraries.of(PROVIDERS).injectNull(0.3),
                Arbitraries.integers().between(0, 20).map(i -> i / 10.0).injectNull(0.3))
                .as(Facets::new);
    }

    @Property(tries = 500)
    void notesWrittenFromFacetsParseBackToThem(@ForAll("facets") Facets facets, @ForAll boolean upper,
            @ForAll("filler") String filler) {
        List<String> phrases = new java.util.ArrayList<>();
        if (facets.tools() != null) {
            phrases.add(facets.tools() ? "with tools" : "no-tools");
        }
        if (facets.chainOfThought() != null) {
            phrases.add(facets.chainOfThought() ? "chain-of-thought" : "no CoT");
        }
        if (facets.shots() != null) {
            phrases.add(facets.shots() + "-shot");
        }
        if (facets.provider() != null) {
            phrases.add("via " + facets.provider());
        }
        if (facets.temperature() != null) {
            phrases.add("temperature " + facets.temperature());
        }
        String notes = phrases.stream().collect(Collectors.joining(", " + filler + " "));
        Facets parsed = parser.parse(upper ? notes.toUpperCase(java.util.Locale.ROOT) : notes);
        assertEquals(facets, parsed, notes);
    }

    @Provide
    Arbitrary<String> filler() {
        return Arbitraries.of("", "official run", "seed 3", "(see card)", "v2 weights", "batch 16");
    }
}
