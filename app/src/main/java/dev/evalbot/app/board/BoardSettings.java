package dev.evalbot.app.board;

import dev.evalbot.rules.board.FacetParser;
import dev.evalbot.rules.check.rules.NewTopScoreRule;
import dev.evalbot.rules.config.ConfigException;
import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The {@code leaderboards:} section of {@code evalbot.yaml}:
 * <pre>
 * leaderboards:
 *   providers: [together, fireworks, groq]   # inference provider names recognised in notes
 *   new_top_score_margin: 5                   # percent of the task's range (see NewTopScoreRule)
 * </pre>
 *
 * @param publicUrl the server's public URL ({@code EVALBOT_PUBLIC_URL}) for the badge Markdown, or null
 */
public record BoardSettings(List<String> providers, double newTopScoreMargin, String publicUrl) {
    public static final BoardSettings DEFAULT = new BoardSettings(List.of(), NewTopScoreRule.DEFAULT_MARGIN_PERCENT,
            null);

    public BoardSettings {
        providers = List.copyOf(providers);
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
    }

    public FacetParser facets() {
        return new FacetParser(providers);
    }

    public BoardSettings withPublicUrl(String url) {
        return new BoardSettings(providers, newTopScoreMargin, url);
    }

    public static BoardSettings parse(String file, byte[] evalbotYaml) {
        if (evalbotYaml.length == 0) {
            return DEFAULT;
        }
        LoadResult loaded = new SafeYamlLoader(YamlLimits.DEFAULT).load(evalbotYaml);
        if (!(loaded instanceof LoadResult.Loaded l)) {
            return DEFAULT;
        }
        Optional<Node> section = YamlNodes.get(l.root(), "leaderboards");
        if (section.isEmpty()) {
            return DEFAULT;
        }
        List<String> providers = new ArrayList<>();
        Optional<Node> list = YamlNodes.get(section.get(), "providers");
        if (list.isPresent()) {
            if (!(list.get() instanceof SequenceNode)) {
                throw error(file, list.get(), "leaderboards.providers must be a list of names");
            }
            for (Node n : YamlNodes.items(list.get())) {
                String name = YamlNodes.text(n).orElse("").strip();
                if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                    throw error(file, n, "a provider name is one word without spaces, got '" + name + "'");
                }
                providers.add(name);
            }
        }
        double margin = NewTopScoreRule.DEFAULT_MARGIN_PERCENT;
        Optional<Node> m = YamlNodes.get(section.get(), "new_top_score_margin");
        if (m.isPresent()) {
            String text = YamlNodes.text(m.get()).orElse("");
            try {
                margin = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                margin = Double.NaN;
            }
            if (!(margin >= 0) || Double.isInfinite(margin)) {
                throw error(file, m.get(), "leaderboards.new_top_score_margin must be a number of at least 0, got '"
                        + text + "'");
            }
        }
        return new BoardSettings(providers, margin, null);
    }

    private static ConfigException error(String file, Node at, String message) {
        Position p = Position.of(at);
        return new ConfigException(file + ":" + p.line() + ":" + p.column() + ": " + message);
    }
}
