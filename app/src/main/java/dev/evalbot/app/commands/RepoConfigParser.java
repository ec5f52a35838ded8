package dev.evalbot.app.commands;

import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code .evalbot.yml} with the rules' safe loader. The file is written by whoever can push
 * to the default branch, but it is still parsed as untrusted: bounded, no aliases, and anything
 * malformed falls back to the defaults (a broken file must not lock maintainers out or let
 * strangers in).
 */
public final class RepoConfigParser {
    private static final Logger LOG = LoggerFactory.getLogger(RepoConfigParser.class);
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98})");
    private static final Pattern PREFIX = Pattern.compile("[^\\s,]{1,40}");

    private final SafeYamlLoader loader;

    public RepoConfigParser(int maxBytes) {
        this.loader = new SafeYamlLoader(new YamlLimits(maxBytes, 1_000, 16));
    }

    public RepoConfig parse(String repo, Optional<byte[]> bytes) {
        if (bytes.isEmpty()) {
            return RepoConfig.DEFAULT;
        }
        LoadResult loaded = loader.load(bytes.get());
        if (loaded instanceof LoadResult.Refused r) {
            LOG.warn("{}: .evalbot.yml ignored: {} at {}", repo, r.refusal().message(), r.refusal().position());
            return RepoConfig.DEFAULT;
        }
        if (!(loaded instanceof LoadResult.Loaded l)) {
            return RepoConfig.DEFAULT;
        }
        Node root = l.root();
        Set<String> maintainers = new LinkedHashSet<>();
        YamlNodes.get(root, "maintainers").ifPresent(m -> {
            var items = YamlNodes.items(m).isEmpty() ? java.util.List.of(m) : YamlNodes.items(m);
            for (Node item : items) {
                YamlNodes.text(item).map(s -> s.strip().replaceFirst("^@", "")).filter(s -> LOGIN.matcher(s).matches())
                        .ifPresent(maintainers::add);
            }
        });
        Optional<Node> commands = YamlNodes.get(root, "commands");
        boolean rejectCloses = commands.flatMap(c -> YamlNodes.get(c, "reject_closes")).flatMap(YamlNodes::text)
                .map(s -> s.toLowerCase(Locale.ROOT).equals("true")).orElse(false);
        String prefix = commands.flatMap(c -> YamlNodes.get(c, "label_prefix")).flatMap(YamlNodes::text)
                .map(String::strip).filter(s -> PREFIX.matcher(s).matches()).orElse(RepoConfig.DEFAULT_LABEL_PREFIX);
        return new RepoConfig(maintainers, rejectCloses, prefix);
    }
}
