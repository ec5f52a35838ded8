package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Imported entries merged into a results file that exists already ({@code import model-index
 * --write --force}): an entry of the file with the dataset, task and notes of an imported one (the
 * {@code duplicate-entry} key) is replaced by it in place; every other entry is kept as written,
 * with its comments; imported entries the file lacks are appended. A file whose entries cannot be
 * told apart safely is refused with the reason, never rewritten.
 */
public final class ResultsFileMerge {
    /** What becomes of the file. */
    public sealed interface Outcome {
        record Merged(String text, int replaced, int kept, int added) implements Outcome {}

        record Refused(String reason) implements Outcome {}
    }

    private final SafeYamlLoader loader;

    public ResultsFileMerge(YamlLimits limits) {
        this.loader = new SafeYamlLoader(limits);
    }

    public Outcome merge(String existing, List<ImportedEntry> imported) {
        LoadResult loaded = loader.loadText(existing);
        if (loaded instanceof LoadResult.Refused r) {
            Position p = r.refusal().position();
            return new Outcome.Refused("it is not valid YAML (" + (p.known() ? "line " + p.line() + ": " : "")
                    + r.refusal().message() + "); fix it first");
        }
        String text = existing.isEmpty() || existing.endsWith("\n") ? existing : existing + "\n";
        if (loaded instanceof LoadResult.Empty) {
            return checked(text + EvalResultsYaml.write(imported), new Outcome.Merged(text + EvalResultsYaml.write(imported),
                    0, 0, imported.size()));
        }
        Node root = ((LoadResult.Loaded) loaded).root();
        if (!(root instanceof SequenceNode list)) {
            return new Outcome.Refused("it is not a list of entries (found " + YamlNodes.kindOf(root) + ")");
        }
        if (list.getFlowStyle() == FlowStyle.FLOW) {
            return new Outcome.Refused("its entries are written as a flow list ([...]); write them one per '- ' item");
        }
        List<String> lines = List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
        List<Node> items = list.getValue();
        int[] dash = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            dash[i] = dashLine(lines, Position.of(items.get(i)).line() - 1);
        }
        // Comment lines right above an entry describe it: they go with it, not with the entry before.
        int[] start = new int[items.size() + 1];
        for (int i = 0; i < items.size(); i++) {
            int s = dash[i];
            int floor = i == 0 ? 0 : dash[i - 1] + 1;
            while (s > floor && isCommentOrBlank(lines.get(s - 1))) {
                s--;
            }
            start[i] = s;
        }
        start[items.size()] = lines.size();

        Map<String, ImportedEntry> byKey = new LinkedHashMap<>();
        imported.forEach(e -> byKey.put(key(e.datasetId(), e.taskId(), e.notes()), e));
        Map<String, Integer> matchedAt = new HashMap<>();
        StringBuilder out = new StringBuilder();
        lines.subList(0, start[0]).forEach(l -> out.append(l).append('\n'));
        int replaced = 0;
        for (int i = 0; i < items.size(); i++) {
            List<String> chunk = lines.subList(start[i], start[i + 1]);
            Optional<String> key = keyOf(items.get(i));
            ImportedEntry replacement = key.map(byKey::get).orElse(null);
            if (replacement == null) {
                chunk.forEach(l -> out.append(l).append('\n'));
                continue;
            }
            Integer earlier = matchedAt.put(key.get(), dash[i] + 1);
            if (earlier != null) {
                return new Outcome.Refused("the entries at lines " + earlier + " and " + (dash[i] + 1) + " both report "
                        + replacement.datasetId() + " task " + replacement.taskId() + (replacement.notes() == null ? ""
                        : " with notes '" + replacement.notes() + "'") + ": keep one by hand, then import again");
            }
            lines.subList(start[i], dash[i]).forEach(l -> out.append(l).append('\n'));
            out.append(EvalResultsYaml.write(List.of(replacement)));
            replaced++;
        }
        List<ImportedEntry> added = byKey.entrySet().stream().filter(e -> !matchedAt.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        out.append(EvalResultsYaml.write(added));
        return checked(out.toString(), new Outcome.Merged(out.toString(), replaced, items.size() - replaced, added.size()));
    }

    /** The merged text must read back as the list it claims to be, else nothing is written. */
    private Outcome checked(String text, Outcome.Merged merged) {
        LoadResult again = loader.loadText(text);
        int expected = merged.replaced() + merged.kept() + merged.added();
        boolean ok = again instanceof LoadResult.Loaded l && l.root() instanceof SequenceNode s
                && s.getValue().size() == expected;
        return ok ? merged : new Outcome.Refused("its entries could not be kept safely (an indented list?); "
                + "move the entries you wrote by hand to another file under .eval_results/");
    }

    /** The line of an entry's {@code -}: the entry's own first line, or the line above for a bare {@code -}. */
    private static int dashLine(List<String> lines, int entryLine) {
        int l = Math.min(entryLine, lines.size() - 1);
        while (l > 0 && !lines.get(l).stripLeading().startsWith("-")) {
            l--;
        }
        return Math.max(l, 0);
    }

    private static boolean isCommentOrBlank(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    private static Optional<String> keyOf(Node entry) {
        Optional<Node> dataset = YamlNodes.get(entry, "dataset");
        Optional<String> id = dataset.flatMap(d -> text(d, "id"));
        Optional<String> task = dataset.flatMap(d -> text(d, "task_id"));
        if (id.isEmpty() || task.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(key(id.get(), task.get(), text(entry, "notes").orElse(null)));
    }

    private static Optional<String> text(Node mapping, String key) {
        return YamlNodes.get(mapping, key).filter(ScalarNode.class::isInstance).flatMap(YamlNodes::text);
    }

    /** As {@code duplicate-entry} compares entries: notes trimmed, spaces collapsed, case ignored. */
    private static String key(String datasetId, String taskId, String notes) {
        String n = notes == null ? "" : notes.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return datasetId.trim() + "\u0000" + taskId.trim() + "\u0000" + n;
    }
}
