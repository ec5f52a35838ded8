package dev.evalbot.rules.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.Fixtures;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.ResultsValidator;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.model.ResultEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written by the Hub's official client are valid with no warning, whatever optional fields
 * they carry. The field list is huggingface_hub's {@code EvalResultEntry} (2.0.0): required
 * dataset_id, task_id, value; optional dataset_revision, verify_token, date, source_url,
 * source_name, source_user, source_org (name, user and org only with a url), notes. Its
 * {@code eval_result_entries_to_yaml} maps them to the keys below, and the documentation dumps the
 * result with PyYAML, whose {@code dump}/{@code safe_dump} sort keys, write block style with a
 * 2-space indent and single-quote strings that would otherwise read as another type (the date).
 */
class OfficialClientConformanceTest {
    /** The official optional fields, each with the YAML path the client writes it to. */
    enum Optional {
        DATASET_REVISION("dataset.revision", "5503434ddd753f426f4b38109466949a1217c2bb"),
        VERIFY_TOKEN("verifyToken", "eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJzdWIiOiJvcmcvbW9kZWwifQ.c2lnbmF0dXJl"),
        DATE("date", "2025-01-15T10:30:00Z"),
        SOURCE_URL("source.url", "https://huggingface.co/datasets/cais/hle"),
        SOURCE_NAME("source.name", "CAIS HLE"),
        SOURCE_USER("source.user", "celinah"),
        SOURCE_ORG("source.org", "cais"),
        NOTES("notes", "no-tools");

        final String path;
        final String sample;

        Optional(String path, String sample) {
            this.path = path;
            this.sample = sample;
        }
    }

    /** The required fields and where they go. */
    static final List<String> REQUIRED = List.of("dataset.id", "dataset.task_id", "value");

    /** Every combination of the optional fields the client accepts (name, user, org need a url): 144. */
    static Stream<List<Optional>> combinations() {
        List<List<Optional>> all = new ArrayList<>();
        Optional[] fields = Optional.values();
        for (int mask = 0; mask < 1 << fields.length; mask++) {
            List<Optional> set = new ArrayList<>();
            for (int i = 0; i < fields.length; i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(fields[i]);
                }
            }
            boolean needsUrl = set.contains(Optional.SOURCE_NAME) || set.contains(Optional.SOURCE_USER)
                    || set.contains(Optional.SOURCE_ORG);
            if (!needsUrl || set.contains(Optional.SOURCE_URL)) {
                all.add(set);
            }
        }
        return all.stream();
    }

    @Test
    void everyCombinationIsGenerated() {
        assertEquals(144, combinations().count());
        assertEquals(11, REQUIRED.size() + Optional.values().length, "the official EvalResultEntry has 11 fields");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void officialClientFileHasNoErrorAndNoWarning(List<Optional> fields) {
        String yaml = pyYamlDump(List.of(entry("cais/hle", "hle", "20.9", fields),
                entry("Idavidrein/gpqa", "gpqa_diamond", "0.412", fields)));
        ResultsValidator validator = Fixtures.validator();
        FileReport report = validator.validate(".eval_results/official.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), report.findings().stream()
                .filter(f -> f.severity() != Severity.NOTICE).toList(), () -> "for\n" + yaml);
        assertEquals(2, report.entries().size());
        ResultEntry first = report.entries().get(0);
        assertEquals("hle", first.taskId());
        assertEquals(20.9, first.value());
        if (fields.contains(Optional.SOURCE_ORG)) {
            assertEquals("cais", first.source().org());
            assertEquals("cais", first.source().attribution());
        }
        if (fields.contains(Optional.SOURCE_USER) && !fields.contains(Optional.SOURCE_ORG)) {
            assertEquals("celinah", first.source().attribution());
        }
    }

    @Test
    void theGeneratedTextIsWhatPyYamlWrites() {
        String yaml = pyYamlDump(List.of(entry("cais/hle", "hle", "20.9", List.of(Optional.values()))));
        assertEquals("""
                - dataset:
                    id: cais/hle
                    revision: 5503434ddd753f426f4b38109466949a1217c2bb
                    task_id: hle
                  date: '2025-01-15T10:30:00Z'
                  notes: no-tools
                  source:
                    name: CAIS HLE
                    org: cais
                    url: https://huggingface.co/datasets/cais/hle
                    user: celinah
                  value: 20.9
                  verifyToken: eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJzdWIiOiJvcmcvbW9kZWwifQ.c2lnbmF0dXJl
                """, yaml);
    }

    @Test
    void sourceOrgIsCheckedLikeSourceUser() {
        for (String key : List.of("user", "org")) {
            String yaml = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n"
                    + "  source: {url: 'https://example.org/x', " + key + ": '@cais'}\n";
            FileReport report = Fixtures.validator().validate("r.yaml", yaml.getBytes(StandardCharsets.UTF_8));
            assertTrue(report.findings().stream().anyMatch(f -> f.code().equals("source-not-hub-name")
                    && f.message().contains("source." + key) && f.hint().contains(key + ": cais")),
                    () -> key + ": " + report.findings());
            String list = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n"
                    + "  source: {url: 'https://example.org/x', " + key + ": [a, b]}\n";
            FileReport wrong = Fixtures.validator().validate("r.yaml", list.getBytes(StandardCharsets.UTF_8));
            assertTrue(wrong.findings().stream().anyMatch(f -> f.code().equals("wrong-type")
                    && f.message().startsWith("source." + key)), () -> key + ": " + wrong.findings());
        }
    }

    @Test
    void legacyConfigSaysTheOfficialClientCannotReadItAndShowsTheRewrite() {
        String yaml = "- dataset: {id: cais/hle, config: default, split: test, revision: 5503434}\n  value: 20.9\n";
        FileReport report = Fixtures.validator().validate("r.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        var legacy = report.findings().stream().filter(f -> f.code().equals("legacy-config")).findFirst().orElseThrow();
        assertTrue(legacy.message().contains("huggingface_hub") && legacy.message().contains("task_id"), legacy.message());
        assertEquals("write it as `dataset: {id: cais/hle, task_id: hle, revision: 5503434}`", legacy.hint());
        assertEquals(1, legacy.line());
    }

    /** What {@code eval_result_entries_to_yaml} returns for one entry (as nested maps of text). */
    private static Map<String, Object> entry(String datasetId, String taskId, String value, List<Optional> fields) {
        Map<String, Object> entry = new LinkedHashMap<>();
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("id", datasetId);
        dataset.put("task_id", taskId);
        entry.put("dataset", dataset);
        entry.put("value", new Number(value));
        for (Optional f : fields) {
            String[] path = f.path.split("\\.");
            if (path.length == 1) {
                entry.put(path[0], f.sample);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) entry.computeIfAbsent(path[0], k -> new LinkedHashMap<>());
                inner.put(path[1], f.sample);
            }
        }
        return entry;
    }

    /** A float as Python's repr writes it; kept as text so the test states the exact output. */
    record Number(String repr) {}

    /** PyYAML's block output for a list of mappings of strings and floats: keys sorted, 2-space indent. */
    static String pyYamlDump(List<Map<String, Object>> entries) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> e : entries) {
            String prefix = "- ";
            for (var kv : new TreeMap<>(e).entrySet()) {
                out.append(prefix);
                prefix = "  ";
                if (kv.getValue() instanceof Map<?, ?> inner) {
                    out.append(kv.getKey()).append(":\n");
                    for (var ikv : new TreeMap<>(inner).entrySet()) {
                        out.append("    ").append(ikv.getKey()).append(": ").append(scalar(ikv.getValue())).append('\n');
                    }
                } else {
                    out.append(kv.getKey()).append(": ").append(scalar(kv.getValue())).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** PyYAML quotes a string its resolver would read as a timestamp, number or boolean; these samples need no other escaping. */
    private static String scalar(Object v) {
        if (v instanceof Number n) {
            return n.repr();
        }
        String s = (String) v;
        boolean timestamp = s.matches("\\d{4}-\\d\\d?-\\d\\d?([Tt ].*)?");
        boolean number = s.matches("[-+]?(\\d[\\d_]*)?\\.?\\d+([eE][-+]?\\d+)?");
        return timestamp || number ? "'" + s + "'" : s;
    }
}
