package dev.evalbot.app.cli.imports;

import dev.evalbot.rules.logs.RunLog;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The run's date for {@code date}: Inspect's {@code eval.created}, or the timestamp of lighteval's
 * file name, in UTC, to the second.
 */
final class RunDate {
    private RunDate() {}

    /** @param framework what wrote the log ({@link RunLog#framework()}): says where the date was looked for */
    static String of(String created, String framework) {
        if (created == null || created.isBlank()) {
            throw new ImportException((RunLog.INSPECT.equals(framework) ? "the log has no eval.created"
                    : "the file's name has no timestamp (lighteval writes results_<timestamp>.json)")
                    + ": give the run's date with --date YYYY-MM-DD");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(created.trim()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                at = LocalDateTime.parse(created.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new ImportException("the log's eval.created '" + created + "' is not an ISO-8601 date-time: "
                        + "give the run's date with --date YYYY-MM-DD");
            }
        }
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
