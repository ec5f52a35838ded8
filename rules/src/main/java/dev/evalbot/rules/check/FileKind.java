package dev.evalbot.rules.check;

import java.util.Locale;

/** Which files of a change evalbot reviews, by path. */
public enum FileKind {
    RESULTS,
    BENCHMARK,
    OTHER;

    /** Classifies a repository path as it appears in a pull request. */
    public static FileKind ofRepoPath(String path) {
        String p = path.replace('\\', '/');
        String lower = p.toLowerCase(Locale.ROOT);
        if (p.equals("eval.yaml")) {
            return BENCHMARK;
        }
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        boolean underResults = p.startsWith(".eval_results/") || p.contains("/.eval_results/");
        return yaml && underResults ? RESULTS : OTHER;
    }

    /** Classifies a file the user named on the command line: any YAML file is reviewed. */
    public static FileKind ofLocalPath(String path) {
        String p = path.replace('\\', '/');
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (name.equals("eval.yaml")) {
            return BENCHMARK;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") ? RESULTS : OTHER;
    }
}
