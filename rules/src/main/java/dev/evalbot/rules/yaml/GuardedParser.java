package dev.evalbot.rules.yaml;

import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Wraps snakeyaml's parser and stops the event stream at the first alias, at a nesting deeper
 * than the limit, or at more nodes than the limit: checked before the composer builds anything,
 * so a billion-laughs document costs a few events, not gigabytes.
 */
final class GuardedParser implements Parser {
    private final Parser delegate;
    private final YamlLimits limits;
    private int depth;
    private int nodes;

    GuardedParser(Parser delegate, YamlLimits limits) {
        this.delegate = delegate;
        this.limits = limits;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return delegate.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public Event next() {
        Event event = delegate.next();
        inspect(event);
        return event;
    }

    private void inspect(Event event) {
        switch (event.getEventId()) {
            case Alias -> throw new LimitExceeded(new YamlRefusal("yaml-alias",
                    "YAML aliases (*" + ((AliasEvent) event).getAlias() + ") are not allowed in evalbot files",
                    Position.of(event.getStartMark())));
            case MappingStart, SequenceStart -> {
                countNode(event);
                if (++depth > limits.maxDepth()) {
                    throw new LimitExceeded(new YamlRefusal("too-deep",
                            "nesting is deeper than the limit of " + limits.maxDepth() + " levels",
                            Position.of(event.getStartMark())));
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            case Scalar -> countNode(event);
            default -> { }
        }
    }

    private void countNode(Event event) {
        if (++nodes > limits.maxNodes()) {
            throw new LimitExceeded(new YamlRefusal("too-many-entries",
                    "the file has more than " + limits.maxNodes() + " YAML values; the limit is "
                            + limits.maxEntries() + " entries",
                    Position.of(event.getStartMark())));
        }
    }

    /** Unwinds the composer; never escapes {@link SafeYamlLoader}. */
    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient YamlRefusal refusal;

        LimitExceeded(YamlRefusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }

        YamlRefusal refusal() {
            return refusal;
        }
    }
}
