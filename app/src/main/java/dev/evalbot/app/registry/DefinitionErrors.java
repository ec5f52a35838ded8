package dev.evalbot.app.registry;

import dev.evalbot.rules.benchmark.BenchmarkFile;
import dev.evalbot.rules.check.Finding;

/** The first error of an eval.yaml as one line, file:line:col: message. */
final class DefinitionErrors {
    private DefinitionErrors() {}

    static String firstError(BenchmarkFile file) {
        return file.findings().stream()
                .filter(Finding::isError)
                .findFirst()
                .map(f -> f.file() + ":" + f.line() + ":" + f.column() + ": " + f.message().replaceAll("[\\r\\n]+", " "))
                .orElse(file.path() + ": not a usable benchmark definition");
    }
}
