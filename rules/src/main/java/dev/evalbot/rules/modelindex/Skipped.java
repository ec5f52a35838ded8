package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.yaml.Position;

/**
 * A metric (or a part of the model-index) that could not become an entry, and why.
 *
 * @param what e.g. {@code accuracy on cais/hle}
 */
public record Skipped(String what, String reason, Position position) {}
