package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** action.yml and .pre-commit-hooks.yaml say what the README says they do. */
class ContributorToolingFilesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Object yaml(String file) throws Exception {
        return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(ROOT.resolve(file)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theActionRunsTheProjectImageWithItsEntrypointAndInputs() throws Exception {
        Map<String, Object> action = (Map<String, Object>) yaml("action.yml");
        Map<String, Object> inputs = (Map<String, Object>) action.get("inputs");
        assertTrue(inputs.keySet().containsAll(List.of("paths", "format")), inputs.toString());
        assertEquals("github", ((Map<String, Object>) inputs.get("format")).get("default"));
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        assertEquals("docker", runs.get("using"));
        // The image a release publishes, at this build's version (release.yml refuses a tag that differs).
        assertEquals("docker://ghcr.io/evalbot/evalbot:" + Main.VERSION, runs.get("image"));
        String release = Files.readString(ROOT.resolve(".github/workflows/release.yml"));
        assertTrue(release.contains("ghcr.io/${GITHUB_REPOSITORY,,}") && release.contains("${{ env.IMAGE }}:${{ env.VERSION }}"),
                "the release publishes the image under its version");
        String entrypoint = (String) runs.get("entrypoint");
        assertTrue(Files.readString(ROOT.resolve("Dockerfile")).contains("action/entrypoint.sh " + entrypoint),
                "the image holds the entrypoint the action names");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHookIsOfflineAndRunsOnResultsFilesAndEvalYamlOnly() throws Exception {
        List<Map<String, Object>> hooks = (List<Map<String, Object>>) yaml(".pre-commit-hooks.yaml");
        Map<String, Object> hook = hooks.get(0);
        assertEquals("evalbot-validate", hook.get("id"));
        assertTrue(((String) hook.get("entry")).endsWith("validate --offline"), hook.toString());
        Pattern files = Pattern.compile((String) hook.get("files"));
        for (String yes : List.of(".eval_results/hle.yaml", "models/m/.eval_results/sub/gpqa.yml", "eval.yaml", "bench/eval.yaml")) {
            assertTrue(files.matcher(yes).find(), yes);
        }
        for (String no : List.of("README.md", "my_eval.yaml", "eval.yaml.bak", ".eval_results/notes.txt", "config/evalbot.yaml")) {
            assertFalse(files.matcher(no).find(), no);
        }
    }
}
