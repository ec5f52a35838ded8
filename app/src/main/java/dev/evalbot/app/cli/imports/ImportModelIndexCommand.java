package dev.evalbot.app.cli.imports;

import dev.evalbot.app.cli.common.ExitCodes;
import dev.evalbot.app.cli.common.LocalConfigOptions;
import dev.evalbot.app.config.ConfigSource;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.registry.HubAccess;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.check.ResultsValidator;
import dev.evalbot.rules.modelindex.ImportedEntry;
import dev.evalbot.rules.modelindex.ModelCardImport;
import dev.evalbot.rules.modelindex.ModelCardImporter;
import dev.evalbot.rules.modelindex.ResultsFileMerge;
import dev.evalbot.rules.modelindex.Skipped;
import dev.evalbot.rules.scale.ValueScale;
import dev.evalbot.rules.yaml.Position;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evalbot import model-index PATH}: the {@code .eval_results} entries a model card's
 * model-index holds, for every metric on a registered benchmark. Prints them (valid YAML, checked
 * by the same rules as {@code validate}), or writes one file per benchmark with {@code --write}.
 * What cannot be carried over is listed on stderr with its reason.
 */
@Command(name = "model-index", mixinStandardHelpOptions = true,
        description = "Prints .eval_results entries read from a model card's model-index (README.md front matter). "
                + "Exit 0: every metric imported; 1: some could not be (listed on stderr); 2: usage or I/O.")
public final class ImportModelIndexCommand implements Callable<Integer> {
    /** A model card larger than this is not a model card. */
    static final int MAX_CARD_BYTES = 16 * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    LocalConfigOptions configOptions = new LocalConfigOptions();

    @Option(names = "--online", description = "read benchmark definitions from the Hub (default: offline)")
    boolean online;

    @Option(names = "--write", description = "write one file per benchmark under .eval_results/ next to README.md")
    boolean write;

    @Option(names = "--force", description = "with --write: merge into files that exist already (the entries "
            + "imported again are replaced, every other entry is kept)")
    boolean force;

    @Option(names = "--scale", paramLabel = "fraction|percent",
            description = "how the card writes values of at most 1 on a 0..100 task, when the metric's name cannot tell")
    String scale;

    @Parameters(paramLabel = "PATH", description = "a model card (README.md) or a model repository directory")
    Path path;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path card = Files.isDirectory(path) ? path.resolve("README.md") : path;
        if (!Files.isRegularFile(card)) {
            err.println("evalbot: " + card + ": no such file" + (Files.isDirectory(path) ? " (a model repository has its card in README.md)" : ""));
            return ExitCodes.USAGE_OR_IO;
        }
        String text = readCard(card, err);
        if (text == null) {
            return ExitCodes.USAGE_OR_IO;
        }
        ValueScale.Written writtenAs;
        try {
            writtenAs = scale == null ? null : ValueScale.Written.valueOf(scale.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("evalbot: --scale is fraction or percent, not '" + scale + "'");
            return ExitCodes.USAGE_OR_IO;
        }
        Map<String, String> env = System.getenv();
        ConfigSource source = configOptions.source(env);
        LocalConfig local = configOptions.load(source);
        Clock clock = Clock.systemUTC();
        BenchmarkRegistry registry = local.registry(HubAccess.fromEnvironment(env), online, configOptions.registry(),
                clock);
        ModelCardImport outcome = new ModelCardImporter(registry, new ResultsValidator(local.rules(), registry, clock),
                writtenAs).read(text);
        if (outcome instanceof ModelCardImport.Failed f) {
            err.println(where(card, f.position()) + "error: " + f.message());
            return ExitCodes.USAGE_OR_IO;
        }
        ModelCardImport.Done done = (ModelCardImport.Done) outcome;
        err.println("evalbot: " + source.describe());
        for (Skipped s : done.skipped()) {
            err.println(where(card, s.position()) + "not imported: " + s.what() + ": " + s.reason());
        }
        for (Skipped r : done.rescaled()) {
            err.println(where(card, r.position()) + "rescaled: " + r.what() + ": " + r.reason());
        }
        for (Skipped w : done.warnings()) {
            err.println(where(card, w.position()) + "warning: " + w.what() + ": " + w.reason());
        }
        if (write && !done.entries().isEmpty()) {
            Integer failed = writeFiles(card.toAbsolutePath().normalize().getParent().resolve(".eval_results"), done, local, out, err);
            if (failed != null) {
                return failed;
            }
        } else if (!write) {
            out.print(done.entries().isEmpty() ? "# no metric of the model-index could be imported\n"
                    : "# " + card + ": " + done.entries().size() + (done.entries().size() == 1 ? " entry" : " entries") + "; with --write: "
                            + String.join(", ", done.files().keySet().stream().map(n -> ".eval_results/" + n).toList())
                            + "\n" + done.combined());
            out.flush();
        }
        err.println("evalbot: " + done.entries().size() + " imported, " + done.skipped().size() + " not imported"
                + (done.skipped().isEmpty() ? "" : " (listed above)"));
        return done.skipped().isEmpty() && !done.entries().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /**
     * Writes every file or none: an existing file stops the write unless --force, which merges into
     * it ({@link ResultsFileMerge}: hand-written entries are kept) or refuses, with the reason.
     */
    private Integer writeFiles(Path dir, ModelCardImport.Done done, LocalConfig local, PrintWriter out, PrintWriter err)
            throws IOException {
        Map<String, List<ImportedEntry>> byFile = ModelCardImporter.fileEntries(done.entries());
        Map<Path, String> contents = new LinkedHashMap<>();
        Map<Path, String> said = new LinkedHashMap<>();
        boolean refused = false;
        ResultsFileMerge merge = new ResultsFileMerge(local.rules().limits());
        for (var file : done.files().entrySet()) {
            Path target = dir.resolve(file.getKey());
            if (!Files.exists(target)) {
                contents.put(target, file.getValue());
                said.put(target, "wrote " + target);
                continue;
            }
            if (!force) {
                err.println("evalbot: " + target + " exists; nothing written (--force merges into it: the entries "
                        + "imported again are replaced, every other entry is kept)");
                refused = true;
                continue;
            }
            String existing = readCard(target, err);
            ResultsFileMerge.Outcome merged = existing == null
                    ? new ResultsFileMerge.Outcome.Refused("it cannot be read as UTF-8 text")
                    : merge.merge(existing, byFile.get(file.getKey()));
            if (merged instanceof ResultsFileMerge.Outcome.Refused r) {
                err.println("evalbot: " + target + ": not merged: " + r.reason() + "; nothing written");
                refused = true;
                continue;
            }
            ResultsFileMerge.Outcome.Merged m = (ResultsFileMerge.Outcome.Merged) merged;
            contents.put(target, m.text());
            said.put(target, "updated " + target + ": " + m.replaced() + " replaced, " + m.kept() + " kept, " + m.added()
                    + " added");
        }
        if (refused) {
            return ExitCodes.USAGE_OR_IO;
        }
        Files.createDirectories(dir);
        for (var file : contents.entrySet()) {
            Files.writeString(file.getKey(), file.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            out.println(said.get(file.getKey()));
        }
        return null;
    }

    private static String readCard(Path card, PrintWriter err) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(card)) {
            bytes = in.readNBytes(MAX_CARD_BYTES + 1);
        }
        if (bytes.length > MAX_CARD_BYTES) {
            err.println("evalbot: " + card + ": larger than " + MAX_CARD_BYTES / (1024 * 1024) + " MiB; not a model card");
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            err.println("evalbot: " + card + ": not UTF-8 text");
            return null;
        }
    }

    private static String where(Path card, Position p) {
        return card + (p.known() ? ":" + p.line() + ":" + p.column() : "") + ": ";
    }
}
