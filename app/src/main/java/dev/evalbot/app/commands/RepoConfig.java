package dev.evalbot.app.commands;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A repository's own evalbot settings, from {@code .evalbot.yml} on its default branch.
 *
 * @param maintainers logins (lower case) who may run every command besides those with write access
 * @param rejectCloses {@code commands.reject_closes}: {@code /evalbot reject} also closes the pull request
 * @param labelPrefix {@code commands.label_prefix}: the only labels {@code /evalbot label} may touch
 */
public record RepoConfig(Set<String> maintainers, boolean rejectCloses, String labelPrefix) {
    public static final String DEFAULT_LABEL_PREFIX = "eval/";
    public static final RepoConfig DEFAULT = new RepoConfig(Set.of(), false, DEFAULT_LABEL_PREFIX);

    public RepoConfig {
        maintainers = maintainers.stream().map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean listsMaintainer(String login) {
        return login != null && maintainers.contains(login.toLowerCase(Locale.ROOT));
    }
}
