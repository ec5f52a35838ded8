package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.yaml.YamlNodes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** A source, when given, is a mapping whose url is an absolute https URL. */
public final class SourceRule implements EntryRule {
    public static final RuleCode SOURCE_NOT_MAPPING = new RuleCode("source-not-a-mapping", Severity.ERROR,
            "source is a mapping {url, name?, user?}");
    public static final RuleCode SOURCE_NO_URL = new RuleCode("source-missing-url", Severity.ERROR,
            "a source has a url");
    public static final RuleCode SOURCE_NOT_HTTPS = new RuleCode("source-url-not-https", Severity.ERROR,
            "source.url is an absolute https URL");

    @Override
    public List<RuleCode> codes() {
        return List.of(SOURCE_NOT_MAPPING, SOURCE_NO_URL, SOURCE_NOT_HTTPS);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        Optional<Node> source = entry.field("source");
        if (source.isEmpty() || YamlNodes.isNull(source.get())) {
            return;
        }
        if (!(source.get() instanceof MappingNode)) {
            entry.report(sink, SOURCE_NOT_MAPPING, entry.positionOf(source),
                    "source must be a mapping, found " + YamlNodes.kindOf(source.get()),
                    "e.g. `source: {url: https://arxiv.org/abs/2311.12022, name: GPQA paper}`");
            return;
        }
        Optional<Node> url = YamlNodes.get(source.get(), "url");
        Optional<String> text = url.filter(YamlNodes::isString).flatMap(YamlNodes::text);
        if (text.isEmpty() || text.get().isBlank()) {
            entry.report(sink, SOURCE_NO_URL, entry.positionOf(url.or(() -> source)),
                    "source given without source.url",
                    "add the https link to the paper, model card, logs or leaderboard the value comes from");
            return;
        }
        if (!isAbsoluteHttps(text.get())) {
            entry.report(sink, SOURCE_NOT_HTTPS, entry.positionOf(url),
                    "source.url must be an absolute https URL, got \"" + text.get() + "\"", null);
        }
    }

    public static boolean isAbsoluteHttps(String url) {
        try {
            URI uri = new URI(url.trim());
            return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
                    && uri.getHost() != null && !uri.getHost().isBlank() && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
