package dev.evalbot.app.registry;

import dev.evalbot.rules.benchmark.BenchmarkFile;
import dev.evalbot.rules.benchmark.inspect.InspectRules;
import dev.evalbot.rules.check.Finding;

/** The first error of an eval.yaml that keeps it from being registered, as one line, file:line:col: message. */
final class DefinitionErrors {
    private DefinitionErrors() {}

    static String firstError(BenchmarkFile file) {
        return file.findings().stream()
                .filter(Finding::isError)
                .sorted(java.util.Comparator.comparing(f -> InspectRules.reports(f.code())))
                .findFirst()
                .map(f -> f.file() + ":" + f.line() + ":" + f.column() + ": " + f.message().replaceAll("[\\r\\n]+", " "))
                .orElse(file.path() + ": not a usable benchmark definition");
    }
}
