package dev.evalbot.app.board;

import dev.evalbot.app.platform.PullRequestRef;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.store.ModelCardStore;
import dev.evalbot.app.store.PlatformId;
import dev.evalbot.rules.modelindex.BaseModels;
import dev.evalbot.rules.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;

/** Records the {@code base_model} each model card declares, for the Hub-shaped leaderboard's filter. */
public final class BaseModelRecorder implements ModelCardListener {
    private final ModelCardStore cards;
    private final BaseModels parser;
    private final int maxBytes;

    /** @param maxBytes the largest card looked into; a bigger one counts as declaring nothing */
    public BaseModelRecorder(ModelCardStore cards, int maxBytes) {
        this.cards = cards;
        this.maxBytes = maxBytes;
        this.parser = new BaseModels(new YamlLimits(maxBytes, YamlLimits.DEFAULT.maxEntries(),
                YamlLimits.DEFAULT.maxDepth()));
    }

    @Override
    public void read(PullRequestRef pr, byte[] card) {
        String text = card == null || card.length > maxBytes ? null : new String(card, StandardCharsets.UTF_8);
        cards.record(PlatformId.of(pr.platform()), pr.repo(), parser.declared(text));
    }
}
