package dev.evalbot.bench.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * The same load, first against evalbot, then against a minimal Probot app doing the same job
 * ({@code bench/peer}), each a child process with its own {@link FakeGitHubServer}; prints both
 * tables and the ratio of sustained intake, evalbot / peer. Takes {@link LoadGenerator}'s options.
 *
 * <pre>npm --prefix bench/peer ci
 * java -cp bench/target/benchmarks.jar dev.evalbot.bench.load.PeerComparison --flat-out --seconds 10 --prs 200</pre>
 */
public final class PeerComparison {
    private PeerComparison() {
    }

    public static void main(String[] args) throws Exception {
        Path peerDir = Path.of("bench/peer");
        if (!Files.isDirectory(peerDir.resolve("node_modules/probot"))) {
            System.err.println("bench/peer/node_modules is missing; install the peer first (Node 20):");
            System.err.println("  npm --prefix bench/peer ci");
            System.exit(2);
        }
        LoadGenerator.Options o = LoadGenerator.Options.parse(args);
        Path work = Files.createTempDirectory("evalbot-peer");

        LoadGenerator.Result evalbot;
        try (FakeGitHubServer github = new FakeGitHubServer(o.latencyMs(), o.errorRate(), o.files()).start()) {
            int port = LoadGenerator.freePort();
            Process p = LoadGenerator.startEvalbot(o, work, github.url(), port);
            try {
                evalbot = LoadGenerator.run(o, github, p.pid(), URI.create("http://127.0.0.1:" + port + "/webhooks/github"),
                        "evalbot", false);
            } finally {
                p.destroy();
                p.waitFor();
            }
        }

        LoadGenerator.Result peer;
        try (FakeGitHubServer github = new FakeGitHubServer(o.latencyMs(), o.errorRate(), o.files()).start()) {
            int port = LoadGenerator.freePort();
            Process p = startPeer(peerDir, work, github.url(), port);
            try {
                peer = LoadGenerator.run(o, github, p.pid(), URI.create("http://127.0.0.1:" + port + "/webhooks/github"),
                        "Probot peer", true);
            } finally {
                p.destroy();
                p.waitFor();
            }
        }

        double ratio = evalbot.intakePerSecond() / Math.max(1e-9, peer.intakePerSecond());
        System.out.println();
        System.out.println("| side by side | evalbot | Probot peer |");
        System.out.println("|---|---|---|");
        System.out.printf("| intake (2xx replies/s) | %.0f | %.0f |%n", evalbot.intakePerSecond(), peer.intakePerSecond());
        System.out.printf("| reply latency p99 | %.1f ms | %.1f ms |%n", evalbot.replyP99Nanos() / 1e6, peer.replyP99Nanos() / 1e6);
        System.out.printf("| non-2xx replies or errors | %d | %d |%n", evalbot.failures(), peer.failures());
        System.out.printf("| reviewed / lost / duplicate comments | %d / %d / %d | %d / %d / %d |%n", evalbot.reviewed(),
                evalbot.lost(), evalbot.duplicateComments(), peer.reviewed(), peer.lost(), peer.duplicateComments());
        System.out.printf("| GitHub API requests per review | %.1f | %.1f |%n", evalbot.apiRequestsPerReview(),
                peer.apiRequestsPerReview());
        System.out.printf("| resident memory | %d MB | %d MB |%n", evalbot.rssKb() / 1024, peer.rssKb() / 1024);
        System.out.printf("| CPU during intake | %.1f s | %.1f s |%n", evalbot.cpuIntakeSeconds(), peer.cpuIntakeSeconds());
        System.out.printf("| **sustained intake ratio, evalbot / peer** | **%.2fx** (target ≥ 3x%s) | |%n", ratio,
                ratio >= 3 ? "" : ": not met");
        System.out.println("| machine load average (1 min) at the end | " + LoadGenerator.loadAverage() + " | |");
    }

    static Process startPeer(Path dir, Path work, String github, int port) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path log = work.resolve("peer.log");
        ProcessBuilder pb = new ProcessBuilder("node", "server.js").directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("PORT", Integer.toString(port));
        env.put("GITHUB_API_URL", github);
        env.put("APP_ID", "1");
        env.put("PRIVATE_KEY", pem);
        env.put("WEBHOOK_SECRET", LoadGenerator.SECRET);
        env.put("LOG_LEVEL", System.getenv().getOrDefault("PEER_LOG_LEVEL", "warn"));
        env.put("NODE_ENV", "production");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return LoadGenerator.awaitReady(pb.start(), port, "Probot peer", log);
    }
}
