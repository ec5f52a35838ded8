package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.yaml.YamlNodes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** The date, when given, is ISO-8601 and not in the future. */
public final class DateRule implements EntryRule {
    public static final RuleCode INVALID_DATE = new RuleCode("invalid-date", Severity.ERROR,
            "date is an ISO-8601 date or date-time");
    public static final RuleCode FUTURE_DATE = new RuleCode("future-date", Severity.ERROR,
            "date is not in the future");

    @Override
    public List<RuleCode> codes() {
        return List.of(INVALID_DATE, FUTURE_DATE);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        Optional<Node> date = entry.field("date");
        if (date.isEmpty() || YamlNodes.isNull(date.get())) {
            return;
        }
        Optional<String> text = YamlNodes.text(date.get());
        Optional<Instant> instant = text.flatMap(DateRule::parse);
        if (instant.isEmpty()) {
            entry.report(sink, INVALID_DATE, entry.positionOf(date),
                    "date must be an ISO-8601 date or date-time, got " + YamlNodes.kindOf(date.get()),
                    "e.g. `date: \"2026-01-15\"` or `date: \"2026-01-15T10:20:00Z\"`");
            return;
        }
        Instant latest = entry.now().plus(Duration.ofHours(entry.config().futureDateGraceHours()));
        if (instant.get().isAfter(latest)) {
            entry.report(sink, FUTURE_DATE, entry.positionOf(date),
                    "date " + text.get() + " is in the future", "use the date the evaluation ran");
        }
    }

    /** Dates without a zone are read as UTC; a date alone is its first instant. */
    public static Optional<Instant> parse(String text) {
        String t = text.trim();
        Optional<Instant> common = parseCommon(t);
        return common != null ? common : parseIso(t);
    }

    /** The general path: java.time's ISO parsers, for the shapes {@code parseCommon} leaves to them. */
    static Optional<Instant> parseIso(String t) {
        try {
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            try {
                return Optional.of(OffsetDateTime.parse(t).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The two shapes results files use, {@code 2026-01-15} and {@code 2026-01-15T10:20:00Z}, read
     * by hand (java.time's formatters were 6% of a 1 MiB file's validation); the same answer as
     * the formatters, invalid days and times included. Null for any other shape.
     */
    static Optional<Instant> parseCommon(String t) {
        boolean date = t.length() == 10;
        boolean dateTime = t.length() == 20 && t.charAt(10) == 'T' && t.charAt(13) == ':' && t.charAt(16) == ':'
                && t.charAt(19) == 'Z';
        if (!(date || dateTime) || t.charAt(4) != '-' || t.charAt(7) != '-') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = dateTime ? digits(t, 11, 13) : 0;
        int minute = dateTime ? digits(t, 14, 16) : 0;
        int second = dateTime ? digits(t, 17, 19) : 0;
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The ASCII digits of {@code t} from {@code from} to {@code to} as a number, -1 if any is not one. */
    private static int digits(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
