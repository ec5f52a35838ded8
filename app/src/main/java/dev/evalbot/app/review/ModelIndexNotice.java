package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.modelindex.ModelIndexChange;
import dev.evalbot.rules.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A pull request that changes the model-index of the model card but adds no {@code .eval_results}
 * file gets a notice with the one command that migrates it. The card is read only when the change
 * touches it and holds no results file. The bot's review and {@code evalbot review} both ask here.
 */
public final class ModelIndexNotice {
    public static final String TEXT = "ℹ️ **Model card scores**: this pull request changes the `model-index` of `"
            + ModelIndexChange.CARD + "` but adds no `.eval_results/` file, which is where the Hub's "
            + "leaderboards read scores from. To move them there, run in a checkout of this branch:\n\n"
            + "```sh\n" + ModelIndexChange.MIGRATE_COMMAND + "\n```\n\n"
            + "It writes one file per benchmark and lists every metric it could not carry over, with the reason.";

    private final ModelIndexChange change;
    private final int maxBytes;

    /** Reads the model card at a revision: its bytes (at most one more than the limit), or null when it is not there. */
    @FunctionalInterface
    public interface CardReader<E extends Exception> {
        byte[] at(String revision) throws E;
    }

    /** @param maxBytes the largest card looked into */
    public ModelIndexNotice(int maxBytes) {
        this.change = new ModelIndexChange(new YamlLimits(maxBytes, YamlLimits.DEFAULT.maxEntries(),
                YamlLimits.DEFAULT.maxDepth()));
        this.maxBytes = maxBytes;
    }

    /** @return the notice's Markdown, or null when it does not apply */
    String of(Platform platform, PullRequestRef pr, List<ChangedPath> changed) {
        return of(changed, pr.baseSha(), pr.headSha(),
                revision -> platform.read(pr, revision, List.of(ModelIndexChange.CARD), maxBytes).get(ModelIndexChange.CARD));
    }

    /**
     * @param changed what the change adds, modifies or removes
     * @param base the revision the change is based on, or null when unknown (the card counts as new)
     * @param card reads the model card at {@code base} or {@code head}
     * @return the notice's Markdown, or null when it does not apply
     */
    public <E extends Exception> String of(List<ChangedPath> changed, String base, String head, CardReader<E> card)
            throws E {
        boolean hasResults = changed.stream().anyMatch(c -> FileKind.ofRepoPath(c.path()) == FileKind.RESULTS);
        boolean cardChanged = changed.stream().anyMatch(c -> !c.removed() && c.path().equals(ModelIndexChange.CARD));
        if (hasResults || !cardChanged) {
            return null;
        }
        String after = text(card.at(head));
        if (after == null) {
            return null;
        }
        String before = base == null ? null : text(card.at(base));
        return change.changed(before, after) ? TEXT : null;
    }

    private String text(byte[] bytes) {
        // A card over the limit is not looked into (the reader returns one byte more than allowed).
        return bytes == null || bytes.length > maxBytes ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
