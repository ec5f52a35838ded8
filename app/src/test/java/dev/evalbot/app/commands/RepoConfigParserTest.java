package dev.evalbot.app.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepoConfigParserTest {
    private final RepoConfigParser parser = new RepoConfigParser(1024);

    private RepoConfig parse(String yaml) {
        return parser.parse("o/r", Optional.of(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsMaintainersAndCommandSettings() {
        RepoConfig c = parse("maintainers: ['@Alice', bob, 'not a login', 3]\ncommands:\n  reject_closes: true\n"
                + "  label_prefix: results/\n");
        assertEquals(new RepoConfig(Set.of("alice", "bob", "3"), true, "results/"), c);
    }

    @Test
    void missingBrokenOrHostileFilesFallBackToDefaults() {
        assertEquals(RepoConfig.DEFAULT, parser.parse("o/r", Optional.empty()));
        assertEquals(RepoConfig.DEFAULT, parse("maintainers: [alice"));
        assertEquals(RepoConfig.DEFAULT, parse("a: &x [alice]\nmaintainers: *x\n"));
        assertEquals(RepoConfig.DEFAULT, parse("maintainers: [" + "x, ".repeat(400) + "]"));
        assertEquals(RepoConfig.DEFAULT, parse("commands: {reject_closes: yes please, label_prefix: 'has space/'}"));
    }
}
