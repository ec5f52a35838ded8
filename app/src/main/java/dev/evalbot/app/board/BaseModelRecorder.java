package dev.evalbot.app.board;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.store.ModelCardStore;
import dev.evalbot.rules.board.ModelKey;
import dev.evalbot.rules.modelindex.BaseModels;
import dev.evalbot.rules.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Records the {@code base_model} each model card declares, for the Hub-shaped leaderboard's filter,
 * and says when a model's declaration changed: every board the model is on lists it differently then.
 */
public final class BaseModelRecorder implements ModelCardListener {
    private final ModelCardStore cards;
    private final BaseModels parser;
    private final int maxBytes;
    private final Consumer<ModelKey> changed;

    /**
     * @param maxBytes the largest card looked into; a bigger one counts as declaring nothing
     * @param changed told each model whose declared base models changed
     */
    public BaseModelRecorder(ModelCardStore cards, int maxBytes, Consumer<ModelKey> changed) {
        this.cards = cards;
        this.changed = changed;
        this.maxBytes = maxBytes;
        this.parser = new BaseModels(new YamlLimits(maxBytes, YamlLimits.DEFAULT.maxEntries(),
                YamlLimits.DEFAULT.maxDepth()));
    }

    @Override
    public void read(PullRequestRef pr, byte[] card) {
        String text = card == null || card.length > maxBytes ? null : new String(card, StandardCharsets.UTF_8);
        if (cards.record(pr.platform(), pr.repo(), parser.declared(text))) {
            changed.accept(new ModelKey(pr.platform().code(), pr.repo()));
        }
    }
}
