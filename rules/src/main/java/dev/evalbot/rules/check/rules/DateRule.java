package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.yaml.YamlNodes;
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
}
