package dev.evalbot.rules.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FacetParserTest {
    private final FacetParser parser = new FacetParser(List.of("Together", "Fireworks", "Groq", "hf-inference"));

    @Test
    void readsEveryFacetFromTypicalNotes() {
        Facets f = parser.parse("no-tools, CoT, 5-shot via Together, temperature 0.6");
        assertEquals(new Facets(false, true, 5, "Together", 0.6), f);
        assertEquals(List.of("no tools", "CoT", "5-shot", "provider: Together", "T=0.6"), f.chips());
        assertEquals(List.of("tools:no", "cot:yes", "shots:5", "provider:together", "temperature:0.6"), f.keys());
    }

    @Test
    void negationsWinOverThePlainWord() {
        assertEquals(Boolean.FALSE, parser.parse("without tools").tools());
        assertEquals(Boolean.FALSE, parser.parse("w/o tools").tools());
        assertEquals(Boolean.FALSE, parser.parse("no tool use").tools());
        assertEquals(Boolean.FALSE, parser.parse("tool-free").tools());
        assertEquals(Boolean.TRUE, parser.parse("with tools").tools());
        assertEquals(Boolean.TRUE, parser.parse("agentic, tool use").tools());
        assertEquals(Boolean.FALSE, parser.parse("no CoT").chainOfThought());
        assertEquals(Boolean.FALSE, parser.parse("without chain of thought").chainOfThought());
        assertEquals(Boolean.TRUE, parser.parse("chain-of-thought prompting").chainOfThought());
    }

    @Test
    void shotsInDigitsAndWords() {
        assertEquals(0, parser.parse("zero-shot").shots());
        assertEquals(25, parser.parse("25 shot").shots());
        assertEquals(1, parser.parse("One-shot").shots());
        assertNull(parser.parse("few-shot").shots(), "few is no number");
    }

    @Test
    void providersOnlyFromTheListAndOnlyAsWholeWords() {
        assertEquals("hf-inference", parser.parse("served by HF-Inference").provider());
        assertEquals("Groq", parser.parse("groq; then together").provider(), "the first named");
        assertNull(parser.parse("fireworks-ai/llama finetune").provider(), "part of a repository id");
        assertNull(parser.parse("togetherness").provider());
        assertNull(parser.parse("via Replicate").provider(), "not configured");
    }

    @Test
    void temperatureForms() {
        assertEquals(0.0, parser.parse("temp=0").temperature());
        assertEquals(0.7, parser.parse("T=0.7").temperature());
        assertEquals(1.0, parser.parse("temperature: 1.0").temperature());
        assertNull(parser.parse("temperature 300").temperature(), "not a sampling temperature");
        assertNull(parser.parse("at=5").temperature());
    }

    @Test
    void nothingKnownIsNone() {
        assertEquals(Facets.NONE, parser.parse(null));
        assertEquals(Facets.NONE, parser.parse("  "));
        assertEquals(Facets.NONE, parser.parse("official run"));
        assertEquals(List.of(), Facets.NONE.chips());
    }

    @Test
    void providerNamesAreOneWord() {
        assertThrows(IllegalArgumentException.class, () -> new FacetParser(List.of("Together AI")));
    }
}
