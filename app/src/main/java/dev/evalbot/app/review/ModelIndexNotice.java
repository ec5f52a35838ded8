package dev.evalbot.app.review;

import dev.evalbot.app.platform.ChangedPath;
import dev.evalbot.app.platform.Platform;
import dev.evalbot.app.platform.PullRequestRef;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.modelindex.ModelIndexChange;
import dev.evalbot.rules.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A pull request that changes the model-index of the model card but adds no {@code .eval_results}
 * file gets a notice with the one command that migrates it. The card is read only when the change
 * touches it and holds no results file.
 */
final class ModelIndexNotice {
    static final String TEXT = "ℹ️ **Model card scores**: this pull request changes the `model-index` of `"
            + ModelIndexChange.CARD + "` but adds no `.eval_results/` file, which is where the Hub's "
            + "leaderboards read scores from. To move them there, run in a checkout of this branch:\n\n"
            + "```sh\n" + ModelIndexChange.MIGRATE_COMMAND + "\n```\n\n"
            + "It writes one file per benchmark and lists every metric it could not carry over, with the reason.";

    private final ModelIndexChange change;
    private final int maxBytes;

    /** @param maxBytes the largest card looked into */
    ModelIndexNotice(int maxBytes) {
        this.change = new ModelIndexChange(new YamlLimits(maxBytes, YamlLimits.DEFAULT.maxEntries(),
                YamlLimits.DEFAULT.maxDepth()));
        this.maxBytes = maxBytes;
    }

    /** @return the notice's Markdown, or null when it does not apply */
    String of(Platform platform, PullRequestRef pr, List<ChangedPath> changed) {
        boolean hasResults = changed.stream().anyMatch(c -> FileKind.ofRepoPath(c.path()) == FileKind.RESULTS);
        boolean cardChanged = changed.stream().anyMatch(c -> !c.removed() && c.path().equals(ModelIndexChange.CARD));
        if (hasResults || !cardChanged) {
            return null;
        }
        String head = text(platform.read(pr, pr.headSha(), List.of(ModelIndexChange.CARD), maxBytes));
        if (head == null) {
            return null;
        }
        String base = pr.baseSha() == null ? null
                : text(platform.read(pr, pr.baseSha(), List.of(ModelIndexChange.CARD), maxBytes));
        return change.changed(base, head) ? TEXT : null;
    }

    private String text(Map<String, byte[]> files) {
        byte[] bytes = files.get(ModelIndexChange.CARD);
        // A card over the limit is not looked into (the platform returns one byte more than allowed).
        return bytes == null || bytes.length > maxBytes ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
