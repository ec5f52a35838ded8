package dev.evalbot.rules.check.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** DateRule's hand-read common shapes give the java.time formatters' answers, for any input. */
class DateRulePropertyTest {
    @Property(tries = 2000)
    void sameAnswerAsTheFormatters(@ForAll("dates") String text) {
        // DateRule.parse as it was: java.time's ISO parsers only.
        Optional<Instant> expected = DateRule.parseIso(text.trim());
        Statistics.collect(expected.isPresent() ? "a date" : "not a date");
        assertEquals(expected, DateRule.parse(text), text);
    }

    @Provide
    Arbitrary<String> dates() {
        Arbitrary<String> two = Arbitraries.oneOf(Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 31))
                .map(n -> String.format("%02d", n));
        Arbitrary<String> year = Arbitraries.oneOf(Arbitraries.integers().between(0, 9999)
                .map(n -> String.format("%04d", n)), Arbitraries.of("2026", "2024", "1900", "2000", "+202", "-001"));
        Arbitrary<String> day = Combinators.combine(year, two, two).as((y, m, d) -> y + "-" + m + "-" + d);
        Arbitrary<String> time = Combinators.combine(two, two, two, Arbitraries.of("Z", "z", "+01:00", "", ".5Z"))
                .as((h, m, s, z) -> "T" + h + ":" + m + ":" + s + z);
        Arbitrary<String> valid = Combinators.combine(day, Arbitraries.oneOf(Arbitraries.just(""), time))
                .as(String::concat);
        return Arbitraries.oneOf(valid, valid.map(s -> s.replace('T', 't')), valid.map(s -> " " + s + " "),
                valid.map(s -> s.replace('-', '/')), valid.map(s -> s.replace('0', '٠')),
                Arbitraries.strings().withChars("0123456789-:TZ+ ").ofMinLength(8).ofMaxLength(22));
    }
}
