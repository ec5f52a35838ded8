package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The route's read of a pull_request payload (signature check beside it for scale), in thread CPU
 * and bytes allocated per call, which the machine's load distorts far less than wall time. Opt-in:
 * {@code mvn -o test -pl app -am -Dtest=PayloadParseBench -Devalbot.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Not a test: it asserts nothing.
 */
@EnabledIfSystemProperty(named = "evalbot.bench", matches = "true")
class PayloadParseBench {
    @Test
    void readAndVerifyAPullRequestPayload() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // Indented as GitHub's example is, 25 KB, as bench/wrk-intake.sh sends it.
        byte[] body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(json.readTree(
                Files.readAllBytes(Path.of("src/test/resources/github-webhooks/pull_request.opened.json"))));
        WebhookSignature signature = new WebhookSignature("bench-secret");
        String header = signature.sign(body);
        ThreadMXBean t = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int n = 10_000;
        long sink = 0;
        for (int round = 1; round <= 6; round++) {
            long c0 = t.getCurrentThreadCpuTime();
            long a0 = t.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                sink += PayloadFields.read(json, body).size();
            }
            long c1 = t.getCurrentThreadCpuTime();
            long a1 = t.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                sink += signature.verify(body, header) ? 1 : 0;
            }
            long c2 = t.getCurrentThreadCpuTime();
            System.out.printf("round %d (%d bytes): read %.1f µs, %d B allocated; HMAC check %.1f µs%n", round,
                    body.length, (c1 - c0) / 1e3 / n, (a1 - a0) / n, (c2 - c1) / 1e3 / n);
        }
        System.out.println(sink);
    }
}
