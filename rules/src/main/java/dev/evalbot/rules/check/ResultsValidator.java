package dev.evalbot.rules.check;

import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.check.rules.DatasetRule;
import dev.evalbot.rules.check.rules.DateRule;
import dev.evalbot.rules.check.rules.FieldTypeRule;
import dev.evalbot.rules.check.rules.RevisionRule;
import dev.evalbot.rules.check.rules.SourceRule;
import dev.evalbot.rules.check.rules.TaskRule;
import dev.evalbot.rules.check.rules.UnknownKeyRule;
import dev.evalbot.rules.check.rules.ValueGranularityRule;
import dev.evalbot.rules.check.rules.ValueRangeRule;
import dev.evalbot.rules.check.rules.ValueTypeRule;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.DatasetRef;
import dev.evalbot.rules.model.ResultEntry;
import dev.evalbot.rules.model.Source;
import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlNodes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Validates one results file: loads it safely, resolves each entry's benchmark and task, then
 * runs every {@link EntryRule}. Thread-safe; holds no per-file state.
 */
public final class ResultsValidator {
    public static final List<EntryRule> DEFAULT_RULES = List.of(new UnknownKeyRule(), new DatasetRule(),
            new TaskRule(), new ValueTypeRule(), new ValueRangeRule(), new ValueGranularityRule(), new DateRule(),
            new RevisionRule(), new SourceRule(), new FieldTypeRule());

    private final RulesConfig config;
    private final BenchmarkRegistry registry;
    private final Clock clock;
    private final List<EntryRule> rules;
    private final SafeYamlLoader loader;

    public ResultsValidator(RulesConfig config, BenchmarkRegistry registry, Clock clock) {
        this(config, registry, clock, DEFAULT_RULES);
    }

    public ResultsValidator(RulesConfig config, BenchmarkRegistry registry, Clock clock, List<EntryRule> rules) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.rules = List.copyOf(rules);
        this.loader = new SafeYamlLoader(config.limits());
    }

    public RulesConfig config() {
        return config;
    }

    public FileReport validate(String path, byte[] bytes) {
        return validate(path, bytes, -1, false);
    }

    /** As {@link #validate(String, byte[])}, knowing the whole file's size ({@link ChangedFile#size()}). */
    public FileReport validate(String path, byte[] bytes, long size) {
        return validate(path, bytes, size, false);
    }

    /**
     * With {@code wholeTree}, the file's tree is composed in full before any entry is checked (as
     * the validator was before it checked entries while the parser read on): the reference
     * {@code StreamedValidationPropertyTest} holds the streamed path to.
     */
    FileReport validate(String path, byte[] bytes, boolean wholeTree) {
        return validate(path, bytes, -1, wholeTree);
    }

    private FileReport validate(String path, byte[] bytes, long size, boolean wholeTree) {
        FindingSink sink = new FindingSink(path, config);
        Entries entries = new Entries(sink);
        LoadResult loaded = loader.load(bytes, size, wholeTree ? null : entries);
        if (loaded instanceof LoadResult.Refused r) {
            // Entries checked before the parser stopped are dropped with their findings.
            FindingSink refused = entries.count == 0 ? sink : new FindingSink(path, config);
            refused.addFileLevel(FileCodes.forRefusal(r.refusal().code()), r.refusal().position(),
                    r.refusal().message(),
                    r.refusal().hint() != null ? r.refusal().hint() : refusalHint(r.refusal().code()));
            return report(path, List.of(), refused);
        }
        if (!(loaded instanceof LoadResult.Loaded l)) {
            sink.addFileLevel(FileCodes.EMPTY_FILE, Position.START, "the file is empty",
                    "a results file is a YAML list of entries, each with dataset and value");
            return report(path, List.of(), sink);
        }
        Node root = l.root();
        if (!(root instanceof SequenceNode seq)) {
            sink.addFileLevel(FileCodes.NOT_A_LIST, Position.of(root),
                    "the file must be a list of entries, found " + YamlNodes.kindOf(root),
                    root instanceof MappingNode ? "start each entry with `- `, e.g. `- dataset: {...}`" : null);
            return report(path, List.of(), sink);
        }
        if (wholeTree) {
            seq.getValue().forEach(entries);
        }
        if (entries.count == 0) {
            sink.addFileLevel(FileCodes.EMPTY_FILE, Position.of(root), "the list of entries is empty", null);
        }
        if (entries.count > config.limits().maxEntries()) {
            FindingSink tooMany = new FindingSink(path, config);
            tooMany.addFileLevel(FileCodes.TOO_MANY_ENTRIES, Position.of(root), "the file has "
                    + entries.count + " entries; the limit is " + config.limits().maxEntries(), null);
            return report(path, List.of(), tooMany);
        }
        return report(path, entries.count == 0 ? List.of() : entries.checked, sink);
    }

    /**
     * The checks of one file's entries, one entry at a time in document order: called by the
     * loader as each entry is composed, so a large file's entries are checked while their nodes
     * are still in the CPU's caches and become garbage at once. Past the entry limit it only
     * counts (the file is then refused as a whole).
     */
    private final class Entries implements Consumer<Node> {
        private final FindingSink sink;
        // Made at the first entry: a file refused before any costs nothing more than it did.
        private Instant now;
        private Map<String, Lookup> lookups;
        private List<ResultEntry> checked;
        private int count;

        Entries(FindingSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(Node item) {
            int index = ++count;
            if (index > config.limits().maxEntries()) {
                return;
            }
            if (index == 1) {
                now = clock.instant();
                lookups = new HashMap<>();
                checked = new ArrayList<>();
            }
            if (!(item instanceof MappingNode)) {
                sink.add(FileCodes.ENTRY_NOT_A_MAPPING, null, index, Position.of(item),
                        "entry " + index + " must be a mapping, found " + YamlNodes.kindOf(item), null);
                return;
            }
            for (var dup : YamlNodes.duplicateKeys(item)) {
                sink.add(FileCodes.DUPLICATE_KEY, null, index, dup.position(),
                        "duplicate key '" + dup.key() + "' in entry " + index, "keep one of the two");
            }
            // The dataset block is read once here; the rules and the entry reuse what it gives.
            Node datasetNode = YamlNodes.get(item, "dataset").orElse(null);
            DatasetRef dataset = new DatasetRef(stringAt(datasetNode, "id"), stringAt(datasetNode, "task_id"),
                    stringAt(datasetNode, "config"), stringAt(datasetNode, "split"),
                    stringAt(datasetNode, "revision"));
            String datasetId = dataset.id();
            String revision = dataset.revision();
            Lookup lookup = datasetId == null ? null
                    : lookups.computeIfAbsent(datasetId + "@" + revision, k -> registry.lookup(datasetId, revision));
            Benchmark benchmark = lookup instanceof Lookup.Found f ? f.benchmark() : null;
            TaskMatch match = TaskMatch.resolve(benchmark, dataset.taskId(), dataset.config(), dataset.split());
            TaskPolicy policy = match.task() == null ? TaskPolicy.NONE
                    : config.benchmark(datasetId).task(match.task().id());
            EntryContext ctx = new EntryContext(index, item, datasetId, lookup, match, policy, config, registry, now,
                    EntryContext.valueOf(item));
            for (EntryRule rule : rules) {
                rule.check(ctx, sink);
            }
            checked.add(toEntry(ctx, dataset));
        }
    }

    private static FileReport report(String path, List<ResultEntry> entries, FindingSink sink) {
        return new FileReport(path, FileKind.RESULTS, entries, Optional.empty(), sink.findings());
    }

    private static String refusalHint(String code) {
        return switch (code) {
            case "yaml-alias" -> "write each value out in full";
            case "invalid-utf8" -> "save the file as UTF-8";
            case "yaml-syntax" -> "check the indentation: keys of one entry line up under each other";
            default -> null;
        };
    }

    private static ResultEntry toEntry(EntryContext ctx, DatasetRef dataset) {
        Node item = ctx.entry();
        Optional<Node> sourceNode = YamlNodes.get(item, "source");
        Source source = sourceNode.filter(MappingNode.class::isInstance)
                .map(s -> new Source(stringAt(s, "url"), stringAt(s, "name"), stringAt(s, "user"),
                        stringAt(s, "org")))
                .orElse(null);
        var value = ctx.value();
        return new ResultEntry(ctx.index(), Position.of(item).line(), dataset,
                ctx.match().task() == null ? null : ctx.match().task().id(),
                value.isPresent() ? value.getAsDouble() : null,
                stringAt(item, "date"), source, stringAt(item, "notes"), stringAt(item, "verifyToken"));
    }

    private static String stringAt(Node node, String... path) {
        Node current = node;
        for (String key : path) {
            Optional<Node> next = YamlNodes.get(current, key);
            if (next.isEmpty()) {
                return null;
            }
            current = next.get();
        }
        return current instanceof ScalarNode ? YamlNodes.text(current).orElse(null) : null;
    }
}
