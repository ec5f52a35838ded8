package dev.evalbot.app.registry;

import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.RulesConfigParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The shipped configuration (the repository's config/) and fixed time. */
public final class TestSupport {
    public static final Path CONFIG_DIR = Path.of("..", "config");
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    /** A valid definition whose only task exists nowhere else. */
    public static final String HUB_EVAL_YAML = """
            name: Hub Bench
            description: A benchmark defined only on the fake Hub.
            evaluation_framework: math-arena
            tasks:
              - id: only_on_hub
                config: default
                split: validation
            """;

    private TestSupport() {}

    public static byte[] evalbotYaml() {
        try {
            return Files.readAllBytes(CONFIG_DIR.resolve("evalbot.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RulesConfig rules() {
        return new RulesConfigParser("evalbot.yaml").parse(evalbotYaml());
    }

    public static String evalYaml(String taskId) {
        return HUB_EVAL_YAML.replace("only_on_hub", taskId);
    }
}
