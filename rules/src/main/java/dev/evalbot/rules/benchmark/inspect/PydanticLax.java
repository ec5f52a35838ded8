package dev.evalbot.rules.benchmark.inspect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * pydantic 2's lax ("Python") mode, as {@code HFTask.model_validate} applies it to what PyYAML
 * loaded: a {@code str} field takes only a string, a {@code bool} field also {@code 0}/{@code 1}
 * and words such as {@code "yes"}, an {@code int} field also an integral float and an integer
 * written as a string. Checked against pydantic 2.13 (see InspectConformanceTest).
 */
public final class PydanticLax {
    private PydanticLax() {}

    private static final Set<String> TRUE_WORDS = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE_WORDS = Set.of("0", "off", "f", "false", "n", "no");
    /** What pydantic-core parses as an integer once surrounding whitespace is trimmed. */
    private static final Pattern INT_TEXT = Pattern.compile("([+-]?[0-9](?:_?[0-9])*)(?:\\.0+)?");

    /** Rust's {@code trim()}: Unicode White_Space, which Java's {@code strip()} does not quite match. */
    private static final Pattern WHITESPACE_ENDS = Pattern.compile("^\\p{IsWhite_Space}+|\\p{IsWhite_Space}+$");

    public static boolean isStr(PyValue v) {
        return v instanceof PyValue.Str;
    }

    public static Optional<Boolean> bool(PyValue v) {
        if (v instanceof PyValue.Bool b) {
            return Optional.of(b.value());
        }
        if (v instanceof PyValue.Int i && (i.value().equals(BigInteger.ZERO) || i.value().equals(BigInteger.ONE))) {
            return Optional.of(i.value().equals(BigInteger.ONE));
        }
        if (v instanceof PyValue.Real r && (r.value() == 0.0 || r.value() == 1.0)) {
            return Optional.of(r.value() == 1.0);
        }
        if (v instanceof PyValue.Str s) {
            String word = s.value().toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(word)) {
                return Optional.of(true);
            }
            if (FALSE_WORDS.contains(word)) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    public static Optional<BigInteger> integer(PyValue v) {
        if (v instanceof PyValue.Int i) {
            return Optional.of(i.value());
        }
        if (v instanceof PyValue.Bool b) {
            return Optional.of(b.value() ? BigInteger.ONE : BigInteger.ZERO);
        }
        if (v instanceof PyValue.Real r && Double.isFinite(r.value()) && r.value() == Math.rint(r.value())) {
            return Optional.of(new BigDecimal(r.value()).toBigInteger());
        }
        if (v instanceof PyValue.Str s) {
            var m = INT_TEXT.matcher(WHITESPACE_ENDS.matcher(s.value()).replaceAll(""));
            if (m.matches()) {
                return Optional.of(new BigInteger(m.group(1).replace("_", "")));
            }
        }
        return Optional.empty();
    }
}
