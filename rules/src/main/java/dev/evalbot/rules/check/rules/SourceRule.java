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
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A source, when given, is a mapping whose url is an absolute https URL; the user and org it is
 * attributed to ({@code source.user}, {@code source.org}) are Hub user or organisation names.
 */
public final class SourceRule implements EntryRule {
    public static final RuleCode SOURCE_NOT_MAPPING = new RuleCode("source-not-a-mapping", Severity.ERROR,
            "source is a mapping {url, name?, user?, org?}");
    public static final RuleCode SOURCE_NO_URL = new RuleCode("source-missing-url", Severity.ERROR,
            "a source has a url");
    public static final RuleCode SOURCE_NOT_HTTPS = new RuleCode("source-url-not-https", Severity.ERROR,
            "source.url is an absolute https URL");
    public static final RuleCode NOT_A_HUB_NAME = new RuleCode("source-not-hub-name", Severity.WARNING,
            "source.user and source.org are Hub user or organisation names (letters, digits, '-', '_', '.')");
    /** Hub user and organisation names: start and end with a letter or digit, at most 96 characters. */
    private static final Pattern HUB_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?");

    @Override
    public List<RuleCode> codes() {
        return List.of(SOURCE_NOT_MAPPING, SOURCE_NO_URL, SOURCE_NOT_HTTPS, NOT_A_HUB_NAME);
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
        for (String key : List.of("user", "org")) {
            checkHubName(entry, sink, key, YamlNodes.get(source.get(), key));
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

    private static void checkHubName(EntryContext entry, FindingSink sink, String key, Optional<Node> node) {
        // A list or mapping here is wrong-type's finding; only text is checked for its shape.
        Optional<String> text = node.filter(n -> n instanceof ScalarNode && !YamlNodes.isNull(n))
                .flatMap(YamlNodes::text);
        if (text.isEmpty() || isHubName(text.get())) {
            return;
        }
        String given = text.get();
        String bare = given.startsWith("@") ? given.substring(1) : given;
        entry.report(sink, NOT_A_HUB_NAME, entry.positionOf(node),
                "source." + key + " must be a Hub " + (key.equals("org") ? "organisation" : "user")
                        + " name, got \"" + given + "\"",
                isHubName(bare) ? "write it without the @: `" + key + ": " + bare + "`"
                        : "the name as in https://huggingface.co/NAME, e.g. `" + key + ": cais`");
    }

    /** A Hub user or organisation name, as in {@code https://huggingface.co/NAME}. */
    public static boolean isHubName(String name) {
        return HUB_NAME.matcher(name).matches();
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
