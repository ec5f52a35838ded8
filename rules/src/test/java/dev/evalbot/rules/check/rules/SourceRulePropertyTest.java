package dev.evalbot.rules.check.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** SourceRule's hand-read URL shape says yes only where java.net.URI does, for any input. */
class SourceRulePropertyTest {
    @Property(tries = 3000)
    void sameAnswerAsUri(@ForAll("urls") String url) {
        boolean expected = SourceRule.isAbsoluteHttpsByUri(url.trim());
        Statistics.label("https").collect(expected);
        Statistics.label("plain shape").collect(SourceRule.isPlainHttps(url.trim()));
        assertEquals(expected, SourceRule.isAbsoluteHttps(url), url);
        if (SourceRule.isPlainHttps(url.trim())) {
            assertTrue(expected, url);
        }
    }

    @Example
    void commonSourcesTakeTheHandReadPath() {
        for (String url : new String[] {"https://arxiv.org/abs/2311.12022",
            "https://huggingface.co/spaces/cais/hle-leaderboard", "https://a.b", "https://x-1.example.org/"}) {
            assertTrue(SourceRule.isPlainHttps(url), url);
        }
        for (String url : new String[] {"https://-a.org", "https://a-.org", "https://a..org", "https://1.2.3.4",
            "https://org.", "https://user@a.org", "https://a.org:443/", "https://a.org/?q", "http://a.org"}) {
            assertEquals(false, SourceRule.isPlainHttps(url), url);
        }
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> label = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.strings().withChars("abcZ09-").ofMinLength(1).ofMaxLength(6)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("ab1-_Zé").ofMaxLength(5)));
        Arbitrary<String> host = label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
        Arbitrary<String> path = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.strings().withChars("aZ/._~-9").ofMaxLength(12)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("a/._~-%?#:@ 9+=&").ofMaxLength(8)));
        Arbitrary<String> scheme = Arbitraries.of("https://", "https://", "https://", "https://", "HTTPS://", "http://", "https:/", "https:");
        Arbitrary<String> shaped = Combinators.combine(scheme, host, Arbitraries.of("", "/", "/", "/", ":443", "@", "/x"), path)
                .as((s, h, sep, p) -> s + h + sep + p);
        return Arbitraries.oneOf(shaped, shaped.map(u -> " " + u + " "),
                Arbitraries.strings().withChars("htps:/.a1-_@[]").ofMaxLength(16));
    }
}
