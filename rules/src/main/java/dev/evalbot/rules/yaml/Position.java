package dev.evalbot.rules.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** A 1-based line and column in a source file; {@link #UNKNOWN} when there is none. */
public record Position(int line, int column) {
    public static final Position UNKNOWN = new Position(0, 0);
    public static final Position START = new Position(1, 1);

    public static Position of(Node node) {
        return node == null ? UNKNOWN : of(node.getStartMark());
    }

    public static Position of(Optional<Mark> mark) {
        return mark.map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(UNKNOWN);
    }

    public boolean known() {
        return line > 0;
    }
}
