package dev.evalbot.app.registry;

import dev.evalbot.rules.benchmark.BenchmarkFile;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.config.ConfigException;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the shipped definitions, {@code <dir>/<owner>/<name>/eval.yaml}, into a
 * {@link StaticRegistry}. The I/O is here; validation is the rules' {@link BenchmarkParser}, the
 * same as for a definition fetched from the Hub. A definition with errors stops start-up with
 * one line naming file:line:col: a broken shipped registry must not review silently.
 */
public final class LocalRegistryLoader {
    public static final String FILE_NAME = "eval.yaml";

    private final BenchmarkParser parser;
    private final int maxBytes;

    public LocalRegistryLoader(RulesConfig rules) {
        this.parser = new BenchmarkParser(rules);
        this.maxBytes = rules.limits().maxBytes();
    }

    /** An empty registry when {@code dir} does not exist. */
    public StaticRegistry load(Path dir) {
        return new StaticRegistry(benchmarks(dir));
    }

    public List<Benchmark> benchmarks(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Benchmark> out = new ArrayList<>();
        for (Path file : definitionFiles(dir)) {
            Path relative = dir.relativize(file);
            if (relative.getNameCount() != 3) {
                throw new ConfigException(file + ": a definition belongs at " + dir.resolve("<owner>/<name>/" + FILE_NAME));
            }
            String id = relative.getName(0) + "/" + relative.getName(1);
            if (!DatasetIds.isDatasetId(id)) {
                throw new ConfigException(file + ": '" + id + "' is not a Hub dataset id (owner/name)");
            }
            out.add(parse(id, file));
        }
        return out;
    }

    private Benchmark parse(String id, Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > maxBytes) {
                throw new ConfigException(file + ":1:1: larger than the limit of " + maxBytes + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
        BenchmarkFile parsed = parser.parse(id, file.toString(), bytes);
        if (!parsed.registrable()) {
            throw new ConfigException(DefinitionErrors.firstError(parsed));
        }
        return parsed.benchmark().get();
    }

    private static List<Path> definitionFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(FILE_NAME) && Files.isRegularFile(p))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new ConfigException(dir + ": cannot list: " + e.getClass().getSimpleName());
        }
    }
}
