package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalbot.app.EvalbotApp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code evalbot send} finds the dry-run's generated secret where the server wrote it. */
class SendCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theSecretIsReadFromEvalbotDataAsTheServerWroteIt() throws Exception {
        Path data = tmp.resolve("elsewhere");
        Map<String, String> env = Map.of("EVALBOT_DB", "jdbc:sqlite:" + tmp.resolve("evalbot.db"), "EVALBOT_PORT", "0",
                "EVALBOT_CONFIG", "../config", "EVALBOT_DATA", data.toString(), "HF_HUB_OFFLINE", "1");
        try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.execute(new CommandLine(new SendCommand(Map.of("EVALBOT_DATA", data.toString(),
                            "EVALBOT_PORT", Integer.toString(app.port())))),
                    new String[] {"../config/examples/github-webhooks/ping.json"}, new PrintWriter(out, true),
                    new PrintWriter(err, true));
            assertEquals(0, exit, err.toString());
            assertEquals("ping.json -> 200 {\"status\":200,\"message\":\"pong\"}\n", out.toString());
        }
    }
}
