package dev.evalbot.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * The Python virtual environment that {@code .ci/run} prepares with the real tools evalbot must
 * agree with ({@code huggingface_hub}, {@code pre-commit}), named by {@code EVALBOT_TEST_PYTHON}
 * (its {@code bin/python}). Tests that drive those tools skip, saying why, where it is absent.
 */
public final class PythonTools {
    private PythonTools() {
    }

    /** The venv's python, if {@code EVALBOT_TEST_PYTHON} names one. */
    public static Optional<Path> python() {
        String named = System.getenv("EVALBOT_TEST_PYTHON");
        if (named == null || named.isBlank()) {
            return Optional.empty();
        }
        Path python = Path.of(named);
        return Files.isExecutable(python) ? Optional.of(python) : Optional.empty();
    }

    /** The venv's python, or the test is skipped with the reason. */
    public static Path requirePython() {
        Optional<Path> python = python();
        Assumptions.assumeTrue(python.isPresent(),
                "EVALBOT_TEST_PYTHON names no python: .ci/run creates the venv with huggingface_hub and pre-commit");
        return python.get();
    }

    /** A console script installed in the same venv (e.g. {@code pre-commit}), or the test is skipped. */
    public static Path requireScript(String name) {
        Path script = requirePython().resolveSibling(name);
        Assumptions.assumeTrue(Files.isExecutable(script), name + " is not installed in " + script.getParent());
        return script;
    }
}
