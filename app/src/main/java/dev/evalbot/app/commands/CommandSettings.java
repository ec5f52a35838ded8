package dev.evalbot.app.commands;

import java.time.Duration;

/**
 * The limits of the command engine, each with a sane default.
 *
 * @param selfLogin the bot's login on this platform (its own comments never run commands); null = unknown
 * @param maxCommandsPerComment commands run from one comment at most
 * @param maxArgumentChars longest argument (reason, label) kept
 * @param refusalReplyInterval a user refused on a pull request hears about it at most once in this time
 * @param permissionTtl how long a platform permission answer is trusted
 * @param configTtl how long a repository's {@code .evalbot.yml} is trusted
 * @param maxConfigBytes largest {@code .evalbot.yml} read
 * @param historyLines commands shown in the review comment's history
 * @param auditLookback audit entries read to phrase the history and to rate-limit refusal replies
 */
public record CommandSettings(String selfLogin, int maxCommandsPerComment, int maxArgumentChars,
        Duration refusalReplyInterval, Duration permissionTtl, Duration configTtl, int maxConfigBytes,
        int historyLines, int auditLookback) {

    public static CommandSettings defaults(String selfLogin) {
        return new CommandSettings(selfLogin, 10, 500, Duration.ofHours(1), Duration.ofSeconds(60),
                Duration.ofSeconds(60), 64 * 1024, 10, 100);
    }

    public CommandSettings {
        if (maxCommandsPerComment < 1 || maxArgumentChars < 1 || maxConfigBytes < 1 || historyLines < 0
                || auditLookback < 1) {
            throw new IllegalArgumentException("command limits must be positive");
        }
    }
}
