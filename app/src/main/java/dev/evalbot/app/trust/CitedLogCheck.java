package dev.evalbot.app.trust;

import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.model.ResultEntry;
import java.util.List;
import java.util.Optional;

/**
 * The log check of one entry: read the log its source cites ({@link CitedLogs}) and compare
 * ({@link LogAgreement}). Empty when the source names no log (or offline).
 */
public final class CitedLogCheck {
    /**
     * @param checked the log agrees: the entry is log-checked
     * @param says what the log says (or why it could not be read), for the review
     */
    public record Result(boolean checked, List<LogAgreement.Problem> problems, String says) {}

    private final CitedLogs logs;
    private final LogAgreement agreement;

    public CitedLogCheck(CitedLogs logs, LogAgreement agreement) {
        this.logs = logs;
        this.agreement = agreement;
    }

    public Optional<Result> check(String prModel, ResultEntry e) {
        if (e.source() == null || !CitedLogs.namesLog(e.source().url())) {
            return Optional.empty();
        }
        return logs.read(e.source().url()).map(read -> {
            if (read instanceof CitedLog.Read r) {
                LogAgreement.Outcome o = agreement.check(prModel, e, r.runs());
                return new Result(o.agrees(), o.problems(), o.says());
            }
            String reason = ((CitedLog.Unreadable) read).reason();
            return new Result(false, List.of(new LogAgreement.Problem(Severity.WARNING,
                    "the cited log could not be read: " + reason)), "log not read: " + reason);
        });
    }
}
