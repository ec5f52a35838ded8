package dev.evalbot.rules.yaml;

import org.snakeyaml.engine.v2.nodes.Node;

/** The outcome of loading one YAML document. */
public sealed interface LoadResult {
    record Loaded(Node root) implements LoadResult {}

    record Empty() implements LoadResult {}

    record Refused(YamlRefusal refusal) implements LoadResult {}
}
