package dev.evalbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar refuses a malformed reconciler interval with one line and exit status 2, as it does EVALBOT_WORKERS. */
class ReconcileStartIT {
    @TempDir
    Path tmp;

    @Test
    void aMalformedIntervalIsOneLineAndExitStatus2() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("EVALBOT_HOST", "127.0.0.1");
        env.put("EVALBOT_DB", "jdbc:sqlite:" + tmp.resolve("e.db"));
        env.put("EVALBOT_CONFIG", Path.of("../config").toAbsolutePath().toString());
        env.put("EVALBOT_DATA", tmp.resolve("data").toString());
        env.put("EVALBOT_RECONCILE_MINUTES", "ten");
        Path log = tmp.resolve("refused.log");
        assertEquals(2, JarServer.refusedServe(tmp, env, log));
        List<String> lines = Files.readAllLines(log);
        assertEquals(List.of("evalbot: EVALBOT_RECONCILE_MINUTES must be a whole number from 0 to 10080, got ten"), lines);
    }
}
