package dev.evalbot.app.server;

import dev.evalbot.app.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** {@code evalbot serve} as a child process, so that a test can kill it with SIGKILL. */
final class ServerProcess {
    private ServerProcess() {}

    /** Starts the server with {@code env} (EVALBOT_PORT set), logging to {@code dir/name.log}; returns once it is ready. */
    static Process start(HttpClient http, Path dir, Map<String, String> env, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.evalbot.app.cli.Main", "serve");
        pb.environment().putAll(env);
        Path log = dir.resolve(name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        int port = Integer.parseInt(env.get("EVALBOT_PORT"));
        Eventually.await("server " + name + " ready", Duration.ofSeconds(60), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("server exited: " + Webhooks.read(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return p;
    }
}
