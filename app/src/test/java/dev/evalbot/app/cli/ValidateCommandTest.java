package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    static final String CONFIG = "../config";
    static final Path EXAMPLES = Path.of("../rules/src/test/resources/examples/results");

    @TempDir
    Path tmp;

    private CliRunner validate(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "validate";
        all[1] = "--config";
        all[2] = CONFIG;
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRunner.run(all);
    }

    @Test
    void validFileExitsZeroAndSaysSo() {
        CliRunner r = validate(EXAMPLES.resolve("valid-full.yaml").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("0 error(s)"), r.out());
    }

    @Test
    void errorsPrintLikeACompilerAndExitOne() {
        CliRunner r = validate(EXAMPLES.resolve("invalid-unknown-task.yaml").toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("invalid-unknown-task.yaml:4:14: error[unknown-task]: task 'default' is not a task of cais/hle"),
                r.out());
    }

    @Test
    void directorySearchFindsEvalResultsAndEvalYaml() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("model/.eval_results/sub"));
        Files.writeString(results.resolve("a.yml"), "- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n");
        Files.writeString(tmp.resolve("model/README.yaml"), "not: reviewed\n");
        Path bench = Files.createDirectories(tmp.resolve("me/bench"));
        Files.writeString(bench.resolve("eval.yaml"), "name: b\ndescription: d\nevaluation_framework: nope\ntasks: [{id: t}]\n");
        CliRunner r = validate("--format", "json", tmp.toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode json = parse(r.out());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals(2, json.get("summary").get("files").asInt());
        assertEquals("unknown-framework", json.get("files").get(0).get("findings").get(0).get("code").asText());
    }

    @Test
    void sarifNamesRulesAndLocations() {
        CliRunner r = validate("--format", "sarif", EXAMPLES.resolve("invalid-value-string.yaml").toString());
        JsonNode sarif = parse(r.out());
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode result = sarif.get("runs").get(0).get("results").get(0);
        assertEquals("value-not-number", result.get("ruleId").asText());
        assertEquals("error", result.get("level").asText());
        assertEquals(5, result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
    }

    @Test
    void badInputsEndInFindingsNeverAStackTrace() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.yaml"), "");
        Path binary = Files.write(tmp.resolve("binary.yaml"), new byte[] {0, 1, 2, (byte) 0xff, 0, 10});
        Path huge = tmp.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        Path utf = Files.write(tmp.resolve("latin1.yaml"), "- notes: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRunner r = validate("--format", "json", empty.toString(), binary.toString(), huge.toString(), utf.toString(),
                EXAMPLES.resolve("invalid-alias-bomb.yaml").toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals("", r.err());
        JsonNode files = parse(r.out()).get("files");
        assertEquals("empty-file", files.get(0).get("findings").get(0).get("code").asText());
        assertEquals("invalid-utf8", files.get(1).get("findings").get(0).get("code").asText());
        assertEquals("file-too-large", files.get(2).get("findings").get(0).get("code").asText());
        assertEquals("invalid-utf8", files.get(3).get("findings").get(0).get("code").asText());
        assertEquals("yaml-alias", files.get(4).get("findings").get(0).get("code").asText());
    }

    @Test
    void tenThousandFilesAreAllReviewed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("m/.eval_results"));
        for (int i = 0; i < 10_000; i++) {
            Files.writeString(dir.resolve(i + ".yaml"), "- dataset: {id: cais/hle, task_id: hle}\n  value: " + (i % 100)
                    + "\n  notes: run " + i + "\n");
        }
        CliRunner r = validate(tmp.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("10000 files, 10000 entries"), r.out());
    }

    @Test
    void missingPathAndBadConfigAreOneLineErrors() throws IOException {
        CliRunner r = validate(tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no such file or directory"));
        Path config = Files.createDirectories(tmp.resolve("cfg/benchmarks"));
        Files.writeString(config.resolve("evalbot.yaml"), "limits:\n  max_entries: -3\n");
        CliRunner bad = CliRunner.run("validate", "--config", config.toString(), EXAMPLES.resolve("valid-full.yaml").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("evalbot.yaml:2:16: max_entries must be a positive whole number"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
    }

    static JsonNode parse(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
