package dev.evalbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code hubapi/read_with_client.py} with the venv's python: the Hub's official client reading
 * a running evalbot ({@code HfApi(endpoint=...)}), every board and the given models, as one JSON object.
 */
public final class HubClientRun {
    private HubClientRun() {
    }

    /** @param tmp a directory of the test's own, for the client's home and its stderr */
    public static JsonNode read(Path python, Path tmp, String endpoint, List<String> models) throws Exception {
        List<String> command = new ArrayList<>(List.of(python.toString(), script().toString(), endpoint));
        command.addAll(models);
        Path stderr = tmp.resolve("client-stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        // Loopback only: no proxy, no saved token, no telemetry, a home of its own.
        List.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "HF_TOKEN",
                "HF_ENDPOINT", "HF_HUB_OFFLINE").forEach(env::remove);
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.put("HF_HOME", tmp.resolve("hf-home").toString());
        env.put("HF_HUB_DISABLE_TELEMETRY", "1");
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the client did not finish");
        assertEquals(0, process.exitValue(), Files.readString(stderr) + stdout);
        return new ObjectMapper().readTree(stdout);
    }

    private static Path script() throws URISyntaxException {
        return Path.of(HubClientRun.class.getResource("/hubapi/read_with_client.py").toURI());
    }
}
