package dev.evalbot.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.evalbot.app.registry.RegistryFactory;
import dev.evalbot.app.registry.TestSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegistryCommandTest {
    private static WireMockServer hub;

    @TempDir
    Path config;

    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startHub() {
        hub = new WireMockServer(options().dynamicPort());
        hub.start();
    }

    @AfterAll
    static void stopHub() {
        hub.stop();
    }

    @BeforeEach
    void reset() {
        hub.resetAll();
        env.put("HF_ENDPOINT", hub.baseUrl());
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new RegistryCommand(env, new RegistryFactory(TestSupport.CLOCK, d -> { })));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void evalbotYaml(String yaml) throws IOException {
        Files.writeString(config.resolve("evalbot.yaml"), yaml);
    }

    private Path shipped(String id, String yaml) throws IOException {
        Path file = config.resolve("benchmarks").resolve(id).resolve("eval.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private static void serve(String id, String yaml) {
        hub.stubFor(get(urlEqualTo("/datasets/" + id + "/resolve/main/eval.yaml")).willReturn(aResponse().withBody(yaml)));
    }

    private static void respond(String id, int status) {
        hub.stubFor(get(urlEqualTo("/datasets/" + id + "/resolve/main/eval.yaml")).willReturn(aResponse().withStatus(status)));
    }

    @Test
    void syncWritesEachValidDefinitionAndReportsWhatChanged(@TempDir Path target) throws IOException {
        evalbotYaml("registry:\n  benchmarks: [o/same, o/changed, o/new]\n");
        Files.createDirectories(target.resolve("o/same"));
        Files.writeString(target.resolve("o/same/eval.yaml"), TestSupport.evalYaml("s"));
        Files.createDirectories(target.resolve("o/changed"));
        Files.writeString(target.resolve("o/changed/eval.yaml"), TestSupport.evalYaml("old_task"));
        serve("o/same", TestSupport.evalYaml("s"));
        serve("o/changed", TestSupport.evalYaml("new_task"));
        serve("o/new", TestSupport.evalYaml("n"));

        int code = run("sync", "--config", config.toString(), "--out", target.toString());

        assertEquals(0, code, err.toString());
        assertEquals("""
                unchanged o/same
                updated   o/changed (tasks: +new_task -old_task)
                added     o/new (tasks: n)
                3 benchmarks, 2 changed, into %s
                """.formatted(target), out.toString());
        assertEquals(TestSupport.evalYaml("new_task"), Files.readString(target.resolve("o/changed/eval.yaml")));
        assertEquals(TestSupport.evalYaml("n"), Files.readString(target.resolve("o/new/eval.yaml")));
        try (var files = Files.list(target.resolve("o/new"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void syncWritesNothingThatDoesNotValidate(@TempDir Path target) throws IOException {
        evalbotYaml("registry:\n  benchmarks: [o/bad, o/gone]\n");
        Files.createDirectories(target.resolve("o/bad"));
        Files.writeString(target.resolve("o/bad/eval.yaml"), TestSupport.HUB_EVAL_YAML);
        serve("o/bad", "name: B\ndescription: d\nevaluation_framework: nope\ntasks:\n  - id: a\n");
        respond("o/gone", 404);

        int code = run("sync", "--config", config.toString(), "--out", target.toString());

        assertEquals(1, code);
        assertEquals("""
                rejected  o/bad: o/bad/eval.yaml:3:23: 'nope' is not a known evaluation framework (kept the existing copy)
                rejected  o/gone: no eval.yaml on the Hub (HTTP 404) (kept the existing copy)
                2 benchmarks, 0 changed, into %s
                """.formatted(target), out.toString());
        assertEquals(TestSupport.HUB_EVAL_YAML, Files.readString(target.resolve("o/bad/eval.yaml")));
        assertFalse(Files.exists(target.resolve("o/gone")));
    }

    @Test
    void syncDefaultsToTheConfigDirectoryFromTheEnvironment() throws IOException {
        evalbotYaml("registry:\n  benchmarks: [o/b]\n");
        env.put("EVALBOT_CONFIG", config.toString());
        serve("o/b", TestSupport.HUB_EVAL_YAML);
        assertEquals(0, run("sync"), err.toString());
        assertEquals(TestSupport.HUB_EVAL_YAML, Files.readString(config.resolve("benchmarks/o/b/eval.yaml")));
    }

    @Test
    void syncWithTheHubDownIsAnIoFailure() throws IOException {
        evalbotYaml("registry:\n  benchmarks: [o/b]\n");
        respond("o/b", 503);
        assertEquals(2, run("sync", "--config", config.toString()));
        assertEquals("failed    o/b: HTTP 503 after 3 attempts", out.toString().lines().findFirst().orElseThrow());
        assertFalse(Files.exists(config.resolve("benchmarks/o/b")));
    }

    @Test
    void syncRefusesWhenOffline() throws IOException {
        evalbotYaml("registry:\n  offline: true\n  benchmarks: [o/b]\n");
        assertEquals(2, run("sync", "--config", config.toString()));
        assertTrue(err.toString().startsWith("evalbot registry sync: reads the Hub, but offline mode is on"));
        hub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void showPrintsNameFrameworkAndTasks() throws IOException {
        evalbotYaml("registry:\n  mode: any\n");
        serve("o/b", TestSupport.HUB_EVAL_YAML + "  - id: wer\n    metrics: [{id: wer, lower_is_better: true}]\n");
        assertEquals(0, run("show", "o/b", "--config", config.toString()), err.toString());
        assertEquals("""
                Hub Bench (o/b)
                framework: math-arena
                tasks:
                  only_on_hub  config=default  split=validation
                  wer          config=(default)  split=test  lower is better
                """, out.toString());
    }

    @Test
    void showOfflineUsesOnlyTheShippedConfig() {
        assertEquals(0, run("show", "cais/hle", "--offline", "--config", TestSupport.CONFIG_DIR.toString()),
                err.toString());
        assertEquals("""
                Humanity's Last Exam (cais/hle)
                framework: inspect-ai
                tasks:
                  hle  config=default  split=test
                """, out.toString());
        hub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void showSaysWhereTheDefinitionCameFrom() throws IOException {
        evalbotYaml("registry:\n  benchmarks: [o/b]\n");
        shipped("o/b", TestSupport.evalYaml("shipped_task"));
        respond("o/b", 503);
        assertEquals(0, run("show", "o/b", "--config", config.toString()), err.toString());
        assertTrue(out.toString().contains("note: benchmark definition from evalbot's shipped config/benchmarks: "
                + "the Hub could not be reached (HTTP 503 after 3 attempts)\n"), out.toString());
        assertTrue(out.toString().contains("  shipped_task  config=default  split=validation\n"));
    }

    @Test
    void showOfAnUnknownBenchmarkIsAProblemFound() throws IOException {
        evalbotYaml("registry:\n  benchmarks: [o/b]\n");
        assertEquals(1, run("show", "x/y", "--config", config.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("evalbot registry show: x/y is not a registered benchmark: "
                + "x/y is not on evalbot's allow-list"), err.toString());
        hub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void showWithNothingReadableIsAnIoFailure() throws IOException {
        evalbotYaml("registry:\n  benchmarks: [o/b]\n");
        respond("o/b", 503);
        assertEquals(2, run("show", "o/b", "--config", config.toString()));
        assertTrue(err.toString().startsWith("evalbot registry show: the Hub could not be reached (HTTP 503"), err.toString());
    }

    @Test
    void configProblemsAreOneLineAndExitTwo() throws IOException {
        evalbotYaml("registry:\n  mode: everything\n");
        assertEquals(2, run("show", "o/b", "--config", config.toString()));
        assertEquals("evalbot registry show: " + config.resolve("evalbot.yaml")
                + ":2:9: registry.mode must be allow-list or any, found the string \"everything\"\n", err.toString());

        err.getBuffer().setLength(0);
        evalbotYaml("");
        shipped("o/b", "name: B\n");
        assertEquals(2, run("show", "o/b", "--offline", "--config", config.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("o/b/eval.yaml:"), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("show", "o/b", "--config", config.resolve("missing").toString()));
        assertTrue(err.toString().contains("no such configuration directory"), err.toString());
    }

    @Test
    void withoutAConfigurationDirectoryShowReadsTheShippedOneAndSyncHasNowhereToWrite() {
        // The test runs in app/, which has no config/: the configuration shipped with evalbot is used.
        assertEquals(0, run("show", "cais/hle", "--offline"), err.toString());
        assertTrue(out.toString().startsWith("Humanity's Last Exam (cais/hle)\n"), out.toString());
        assertEquals(2, run("sync"));
        assertTrue(err.toString().startsWith("evalbot registry sync: writes definitions into a configuration directory, "
                + "and none is in use"), err.toString());
        assertEquals(0, hub.getAllServeEvents().size(), "refused before any request");
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run());
        assertEquals(2, run("show"));
        assertEquals(2, run("sync", "--bogus"));
    }
}
