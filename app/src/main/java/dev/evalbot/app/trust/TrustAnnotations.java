package dev.evalbot.app.trust;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.EntryStatus;
import dev.evalbot.app.review.OwnedLabels;
import dev.evalbot.app.review.Review;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.model.ResultEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trust step of a review: each entry's verifyToken and source link, and the tier they earn.
 * A failed token makes an entry unverified (a warning, never an error); an unsafe source link is
 * an error; an unreachable or missing one a warning with the reason.
 */
public final class TrustAnnotations implements TrustAnnotator {
    public static final RuleCode TOKEN_UNVERIFIED = new RuleCode("token-unverified", Severity.WARNING,
            "a verifyToken, when present, verifies against the configured key set and matches the entry");
    public static final RuleCode SOURCE_UNSAFE = new RuleCode("source-unsafe", Severity.ERROR,
            "source.url does not point into a private, loopback or link-local network");
    public static final RuleCode SOURCE_UNREACHABLE = new RuleCode("source-unreachable", Severity.WARNING,
            "source.url answers (checked by the bot, online only)");
    public static final RuleCode LOG_DISAGREES = new RuleCode("log-disagrees", Severity.ERROR,
            "an evaluation log the source cites agrees with the entry: finished run, same model, task and value");
    public static final RuleCode LOG_UNCHECKED = new RuleCode("log-unchecked", Severity.WARNING,
            "an evaluation log the source cites can be read and compared (and its date matches)");
    public static final List<RuleCode> CODES = List.of(TOKEN_UNVERIFIED, SOURCE_UNSAFE, SOURCE_UNREACHABLE,
            LOG_DISAGREES, LOG_UNCHECKED);

    private final TokenVerifier tokens;
    private final SourceChecker sources;
    private final ApiCredentials credentials;
    private final CitedLogCheck logs;

    /**
     * @param credentials what source checks may send to the GitHub API for a pull request
     * @param logs reads and compares the evaluation log a source cites; null: no log check
     */
    public TrustAnnotations(TokenVerifier tokens, SourceChecker sources, ApiCredentials credentials, CitedLogCheck logs) {
        this.tokens = tokens;
        this.sources = sources;
        this.credentials = credentials;
        this.logs = logs;
    }

    @Override
    public Annotated annotate(PullRequestRef pr, ChangeReport report, boolean bypassCaches) {
        Map<String, EntryStatus> statuses = new HashMap<>();
        List<FileReport> files = new ArrayList<>();
        int verified = 0;
        int entries = 0;
        boolean anyFailed = false;
        Map<String, SourceCheck> checkedUrls = new HashMap<>();
        String githubAuthorization = null;
        boolean anySource = report.files().stream().flatMap(f -> f.entries().stream())
                .anyMatch(e -> e.source() != null && e.source().url() != null);
        if (anySource) {
            try {
                githubAuthorization = credentials.githubAuthorization(pr).orElse(null);
            } catch (RuntimeException e) {
                // No token now (the platform is down): check without one rather than not at all.
                githubAuthorization = null;
            }
        }
        String authorization = githubAuthorization;
        for (FileReport file : report.files()) {
            List<Finding> extra = new ArrayList<>();
            for (ResultEntry e : file.entries()) {
                entries++;
                TokenCheck token = tokens.check(pr.repo(), e);
                SourceCheck source = e.source() == null || e.source().url() == null ? null
                        : checkedUrls.computeIfAbsent(e.source().url(), u -> sources.check(u, authorization));
                if (token.verified()) {
                    verified++;
                } else if (token instanceof TokenCheck.Failed failed) {
                    anyFailed = true;
                    extra.add(finding(TOKEN_UNVERIFIED, Severity.WARNING, file.path(), e,
                            "verifyToken does not verify: " + failed.message(),
                            "the entry counts as " + baseTier(pr) + "; ask the evaluation runner for a token for this entry"));
                }
                if (source != null) {
                    source.severity().filter(s -> s != Severity.NOTICE).ifPresent(s -> extra.add(finding(
                            s == Severity.ERROR ? SOURCE_UNSAFE : SOURCE_UNREACHABLE, s, file.path(), e,
                            "source " + e.source().url() + ": " + source.message(), null)));
                }
                CitedLogCheck.Result log = logs == null || source instanceof SourceCheck.Unsafe ? null
                        : logs.check(pr.repo(), e).orElse(null);
                if (log != null) {
                    for (LogAgreement.Problem p : log.problems()) {
                        extra.add(finding(p.severity() == Severity.ERROR ? LOG_DISAGREES : LOG_UNCHECKED, p.severity(),
                                file.path(), e, p.message(), p.severity() == Severity.ERROR
                                        ? "cite the log of this run, or correct the entry to what the log says" : null));
                    }
                }
                String tier = token.verified() ? "verified" : baseTier(pr);
                String reason = token.verified() ? null
                        : token instanceof TokenCheck.Absent ? "no verifyToken" : "token: " + token.message();
                statuses.put(Review.key(file.path(), e.index()), new EntryStatus(tier, reason, token.message(),
                        source == null ? "none" : source.message(), log == null ? null : log.says(),
                        log != null && log.checked()));
            }
            files.add(extra.isEmpty() ? file : file.withFindings(extra));
        }
        Set<String> labels = new HashSet<>();
        if (anyFailed) {
            labels.add(OwnedLabels.UNVERIFIED);
        } else if (entries > 0 && verified == entries) {
            labels.add(OwnedLabels.VERIFIED);
        }
        return new Annotated(new ChangeReport(files, report.changeFindings()), statuses, labels);
    }

    /** An open pull request is community; the default branch (number 0) is the author's own. */
    private static String baseTier(PullRequestRef pr) {
        return pr.number() == 0 ? "author" : "community";
    }

    private static Finding finding(RuleCode code, Severity severity, String file, ResultEntry e, String message,
            String hint) {
        return new Finding(code.code(), severity, file, e.line(), 1, e.index(), message, hint);
    }
}
