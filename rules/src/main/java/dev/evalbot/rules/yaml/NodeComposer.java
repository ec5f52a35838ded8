package dev.evalbot.rules.yaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Builds the node tree of a single-document stream from parser events: the same nodes, tags,
 * styles, anchors and marks as snakeyaml-engine 2.9's {@code Composer}, for the events that
 * {@link GuardedParser} lets through (never an alias) with comments off.
 *
 * <p>Why not snakeyaml's composer: it runs two comment collectors that peek at every event and
 * wraps every step in {@code Optional}s and lambdas; on a 1 MiB results file it took 17 of the
 * loader's 43 ms. Events are consumed in the same order (one event of look-ahead), so the first
 * syntax error or limit reached is the same one. {@code NodeComposerPropertyTest} holds the two to
 * the same trees and refusals.
 */
final class NodeComposer {
    private final Parser parser;
    private final ScalarResolver resolver;
    private final Consumer<Node> rootItems;

    NodeComposer(Parser parser, ScalarResolver resolver) {
        this(parser, resolver, null);
    }

    /**
     * With {@code rootItems}, a root sequence's items go to it one by one as each is composed and
     * are not kept (see {@link SafeYamlLoader#load(byte[], Consumer)}).
     */
    NodeComposer(Parser parser, ScalarResolver resolver, Consumer<Node> rootItems) {
        this.parser = parser;
        this.resolver = resolver;
        this.rootItems = rootItems;
    }

    /** The document's root, empty for a stream without a document; more than one is an error. */
    Optional<Node> singleNode() {
        parser.next(); // stream start
        Node root = null;
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            parser.next(); // document start
            root = rootItems != null && parser.checkEvent(Event.ID.SequenceStart) ? composeStreamed() : compose();
            parser.next(); // document end
        }
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            Event event = parser.next();
            throw new ComposerException("expected a single document in the stream",
                    root == null ? Optional.empty() : root.getStartMark(), "but found another document",
                    event.getStartMark());
        }
        parser.next(); // stream end
        return Optional.ofNullable(root);
    }

    private Node compose() {
        Event event = parser.next();
        Node node;
        switch (event.getEventId()) {
            case Scalar -> {
                ScalarEvent scalar = (ScalarEvent) event;
                Optional<String> tag = scalar.getTag();
                boolean resolved = tag.isEmpty() || tag.get().equals("!");
                Tag nodeTag = resolved
                        ? resolver.resolve(scalar.getValue(), scalar.getImplicit().canOmitTagInPlainScalar())
                        : new Tag(tag.get());
                node = new ScalarNode(nodeTag, resolved, scalar.getValue(), scalar.getScalarStyle(),
                        scalar.getStartMark(), scalar.getEndMark());
            }
            case SequenceStart -> {
                CollectionStartEvent start = (CollectionStartEvent) event;
                List<Node> items = new ArrayList<>();
                Optional<String> tag = start.getTag();
                boolean resolved = tag.isEmpty() || tag.get().equals("!");
                CheckedSequence sequence = new CheckedSequence(resolved ? Tag.SEQ : new Tag(tag.get()), resolved, items,
                        start.getFlowStyle(), start.getStartMark());
                boolean repeats = false;
                while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                    Node item = compose();
                    repeats |= repeatsKeys(item);
                    items.add(item);
                }
                sequence.repeatsKeys = repeats;
                sequence.setEndMark(parser.next().getEndMark());
                node = sequence;
            }
            case MappingStart -> {
                CollectionStartEvent start = (CollectionStartEvent) event;
                List<NodeTuple> tuples = new ArrayList<>();
                Optional<String> tag = start.getTag();
                boolean resolved = tag.isEmpty() || tag.get().equals("!");
                CheckedMapping mapping = new CheckedMapping(resolved ? Tag.MAP : new Tag(tag.get()), resolved, tuples,
                        start.getFlowStyle(), start.getStartMark());
                boolean repeats = false;
                Set<String> seen = null;
                while (!parser.checkEvent(Event.ID.MappingEnd)) {
                    Node key = compose();
                    Node value = compose();
                    if (seen == null && tuples.size() >= YamlNodes.SMALL_MAPPING) {
                        seen = scalarKeys(tuples);
                    }
                    boolean repeat = seen != null ? key instanceof ScalarNode k && !seen.add(k.getValue())
                            : isRepeat(tuples, key);
                    repeats |= repeat || repeatsKeys(key) || repeatsKeys(value);
                    tuples.add(new NodeTuple(key, value));
                }
                mapping.repeatsKeys = repeats;
                mapping.setEndMark(parser.next().getEndMark());
                node = mapping;
            }
            default -> throw new IllegalStateException("unexpected YAML event " + event.getEventId()
                    + " (aliases are refused by GuardedParser, comments are off)");
        }
        ((NodeEvent) event).getAnchor().ifPresent(anchor -> node.setAnchor(Optional.of(anchor)));
        return node;
    }

    /**
     * The root sequence with each item handed to {@link #rootItems} instead of kept: the same
     * node as {@link #compose()} makes, with no items, so a large file's tree never has to be
     * live at once.
     */
    private Node composeStreamed() {
        CollectionStartEvent start = (CollectionStartEvent) parser.next();
        Optional<String> tag = start.getTag();
        boolean resolved = tag.isEmpty() || tag.get().equals("!");
        CheckedSequence sequence = new CheckedSequence(resolved ? Tag.SEQ : new Tag(tag.get()), resolved,
                List.of(), start.getFlowStyle(), start.getStartMark());
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            rootItems.accept(compose());
        }
        sequence.setEndMark(parser.next().getEndMark());
        start.getAnchor().ifPresent(anchor -> sequence.setAnchor(Optional.of(anchor)));
        return sequence;
    }

    private static boolean repeatsKeys(Node node) {
        return node instanceof KeyChecked checked && checked.repeatsKeys();
    }

    private static Set<String> scalarKeys(List<NodeTuple> tuples) {
        Set<String> keys = new HashSet<>();
        for (NodeTuple tuple : tuples) {
            if (tuple.getKeyNode() instanceof ScalarNode k) {
                keys.add(k.getValue());
            }
        }
        return keys;
    }

    /** Whether {@code key} is a scalar key already among {@code tuples}, as duplicateKeys compares them. */
    private static boolean isRepeat(List<NodeTuple> tuples, Node key) {
        if (!(key instanceof ScalarNode k)) {
            return false;
        }
        for (NodeTuple tuple : tuples) {
            if (tuple.getKeyNode() instanceof ScalarNode other && k.getValue().equals(other.getValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A collection that knows, from its composition, whether any mapping within it (keys
     * included) repeats a key: {@link YamlNodes#duplicateKeys} skips the ones that do not, so a
     * valid file's entries are not walked again while their nodes are out of the CPU's caches.
     */
    interface KeyChecked {
        boolean repeatsKeys();
    }

    static final class CheckedMapping extends MappingNode implements KeyChecked {
        private boolean repeatsKeys;

        CheckedMapping(Tag tag, boolean resolved, List<NodeTuple> value, FlowStyle flowStyle, Optional<Mark> start) {
            super(tag, resolved, value, flowStyle, start, Optional.empty());
        }

        @Override
        public boolean repeatsKeys() {
            return repeatsKeys;
        }
    }

    static final class CheckedSequence extends SequenceNode implements KeyChecked {
        private boolean repeatsKeys;

        CheckedSequence(Tag tag, boolean resolved, List<Node> value, FlowStyle flowStyle, Optional<Mark> start) {
            super(tag, resolved, value, flowStyle, start, Optional.empty());
        }

        @Override
        public boolean repeatsKeys() {
            return repeatsKeys;
        }
    }
}
