package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.ResultsValidator;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.scale.ValueScale;
import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model card (README.md text), maps its model-index and validates what it would write, so
 * that nothing is printed or written that evalbot itself would refuse: an entry with an error
 * (a value outside the task's range, say) is skipped with the finding as its reason.
 */
public final class ModelCardImporter {
    /** The name the generated file is validated under (only its .eval_results location matters). */
    private static final String CHECKED_AS = ".eval_results/imported.yaml";

    private final ModelIndexMapper mapper;
    private final ResultsValidator validator;
    private final SafeYamlLoader loader;

    /** Values put on the task ranges of the validator's configuration, decided by value and metric name. */
    public ModelCardImporter(BenchmarkRegistry registry, ResultsValidator validator) {
        this(registry, validator, null);
    }

    /** @param scale how the card writes values ({@code --scale}), or null to decide by value and metric name */
    public ModelCardImporter(BenchmarkRegistry registry, ResultsValidator validator, ValueScale.Written scale) {
        this.mapper = new ModelIndexMapper(registry, validator.config(), new ValueScale(scale));
        this.validator = validator;
        this.loader = new SafeYamlLoader(validator.config().limits());
    }

    public ModelCardImport read(String readme) {
        FrontMatter front = FrontMatter.of(readme);
        if (front instanceof FrontMatter.Missing m) {
            return new ModelCardImport.Failed(m.message(), m.position());
        }
        LoadResult loaded = loader.loadText(((FrontMatter.Found) front).yaml());
        if (loaded instanceof LoadResult.Refused r) {
            return new ModelCardImport.Failed("the front matter is not valid YAML: " + r.refusal().message(),
                    r.refusal().position());
        }
        if (!(loaded instanceof LoadResult.Loaded l)) {
            return new ModelCardImport.Failed("the front matter is empty", new Position(2, 1));
        }
        ModelIndexImport mapped = mapper.map(l.root());
        if (mapped instanceof ModelIndexImport.Unreadable u) {
            return new ModelCardImport.Failed(u.message(), u.position());
        }
        ModelIndexImport.Mapped m = (ModelIndexImport.Mapped) mapped;
        List<ImportedEntry> entries = new ArrayList<>(m.entries());
        List<Skipped> skipped = new ArrayList<>(m.skipped());
        List<Skipped> warnings = new ArrayList<>();
        FileReport report = validator.validate(CHECKED_AS, bytes(EvalResultsYaml.write(entries)));
        Set<Integer> refused = new HashSet<>();
        for (Finding f : report.findings()) {
            if (f.entry() < 1 || f.entry() > entries.size()) {
                continue;
            }
            ImportedEntry e = entries.get(f.entry() - 1);
            Skipped at = new Skipped(f.code() + " on " + e.datasetId(), f.message(), e.from());
            if (f.severity() == Severity.ERROR) {
                refused.add(f.entry());
                skipped.add(at);
            } else if (f.severity() == Severity.WARNING) {
                warnings.add(at);
            }
        }
        List<ImportedEntry> kept = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!refused.contains(i + 1)) {
                kept.add(entries.get(i));
            }
        }
        skipped.sort(java.util.Comparator.comparingInt((Skipped s) -> s.position().line())
                .thenComparingInt(s -> s.position().column()));
        return new ModelCardImport.Done(kept, skipped, warnings, m.rescaled(), files(kept), EvalResultsYaml.write(kept));
    }

    /** One file per benchmark, named after the dataset (its owner too when two names collide). */
    static Map<String, String> files(List<ImportedEntry> entries) {
        Map<String, String> files = new LinkedHashMap<>();
        fileEntries(entries).forEach((name, list) -> files.put(name, EvalResultsYaml.write(list)));
        return files;
    }

    /** The entries of each file of {@link #files}, by its name under {@code .eval_results/}. */
    public static Map<String, List<ImportedEntry>> fileEntries(List<ImportedEntry> entries) {
        Map<String, List<ImportedEntry>> byDataset = new LinkedHashMap<>();
        entries.forEach(e -> byDataset.computeIfAbsent(e.datasetId(), k -> new ArrayList<>()).add(e));
        Map<String, Long> nameCount = new LinkedHashMap<>();
        byDataset.keySet().forEach(id -> nameCount.merge(shortName(id), 1L, Long::sum));
        Map<String, List<ImportedEntry>> files = new LinkedHashMap<>();
        byDataset.forEach((id, list) -> {
            String name = nameCount.get(shortName(id)) > 1 ? safe(id.replace('/', '-')) : shortName(id);
            files.put(name + ".yaml", list);
        });
        return files;
    }

    private static String shortName(String datasetId) {
        return safe(datasetId.substring(datasetId.lastIndexOf('/') + 1));
    }

    private static String safe(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[.-]+", "");
        return s.isEmpty() ? "results" : s;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
