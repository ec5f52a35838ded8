package dev.evalbot.app.cli.token;

import dev.evalbot.rules.model.DatasetRef;
import dev.evalbot.rules.model.ResultEntry;
import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import dev.evalbot.rules.yaml.YamlNumbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The entries of a results file as far as tokens need them, read with the rules module's safe
 * loader. No registry here: the task is {@code dataset.task_id} as written (the full review
 * resolves the older config/split shape; a token binds the task id either way).
 */
final class ResultsFile {
    private ResultsFile() {}

    /** The file's entries; an IOException (one line) when it cannot be read as a results list. */
    static List<ResultEntry> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        LoadResult loaded = new SafeYamlLoader(YamlLimits.DEFAULT).load(bytes);
        if (loaded instanceof LoadResult.Refused r) {
            Position at = r.refusal().position();
            throw new IOException(file + (at.known() ? ":" + at.line() + ":" + at.column() : "") + ": "
                    + r.refusal().message());
        }
        if (!(loaded instanceof LoadResult.Loaded l) || !(l.root() instanceof SequenceNode seq)) {
            throw new IOException(file + ": not a list of results entries");
        }
        List<ResultEntry> entries = new ArrayList<>();
        int index = 0;
        for (Node item : seq.getValue()) {
            index++;
            if (item instanceof MappingNode) {
                entries.add(entry(index, item));
            } else {
                entries.add(new ResultEntry(index, Position.of(item).line(), null, null, null, null, null, null, null));
            }
        }
        return entries;
    }

    private static ResultEntry entry(int index, Node item) {
        Optional<Node> dataset = YamlNodes.get(item, "dataset");
        String taskId = text(dataset, "task_id");
        DatasetRef ref = new DatasetRef(text(dataset, "id"), taskId, text(dataset, "config"), text(dataset, "split"),
                text(dataset, "revision"));
        OptionalDouble value = YamlNodes.get(item, "value").filter(YamlNodes::isNumber).flatMap(YamlNodes::text)
                .map(YamlNumbers::parse).orElse(OptionalDouble.empty());
        Double finite = value.isPresent() && Double.isFinite(value.getAsDouble()) ? value.getAsDouble() : null;
        String token = YamlNodes.get(item, "verifyToken").flatMap(YamlNodes::text).orElse(null);
        return new ResultEntry(index, Position.of(item).line(), ref, taskId, finite, null, null, null, token);
    }

    private static String text(Optional<Node> mapping, String key) {
        return mapping.flatMap(m -> YamlNodes.get(m, key)).flatMap(YamlNodes::text).orElse(null);
    }
}
