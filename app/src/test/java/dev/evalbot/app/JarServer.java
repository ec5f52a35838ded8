package dev.evalbot.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/evalbot.jar} as a child process, started in {@code workDir} with
 * exactly the variables given (nothing inherited from the test's environment), its output in a log.
 */
final class JarServer implements AutoCloseable {
    static final Path JAR = Path.of("target", "evalbot.jar").toAbsolutePath();

    final Process process;
    final Path log;
    final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JarServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Runs {@code java -jar evalbot.jar ARGS} and returns at once. */
    static Process run(Path workDir, Map<String, String> env, Path log, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR + " is missing: these tests run after `mvn package` (mvn verify runs them)");
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /** {@code evalbot serve} on a free loopback port ({@code EVALBOT_PORT} is added); returns once ready. */
    static JarServer serve(Path workDir, Map<String, String> env, String name) throws IOException {
        int port = freePort();
        Map<String, String> withPort = new java.util.HashMap<>(env);
        withPort.put("EVALBOT_PORT", Integer.toString(port));
        Path log = workDir.resolve(name + ".log");
        JarServer server = new JarServer(run(workDir, withPort, log, "serve"), log, port);
        Eventually.await("evalbot " + name + " ready", Duration.ofSeconds(90), () -> {
            if (!server.process.isAlive()) {
                throw new AssertionError("evalbot " + name + " exited: " + server.log());
            }
            try {
                return server.get("/readyz").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return server;
    }

    /** Runs {@code evalbot serve} that is expected to refuse to start; returns its exit status. */
    static int refusedServe(Path workDir, Map<String, String> env, Path log) throws Exception {
        Map<String, String> withPort = new java.util.HashMap<>(env);
        withPort.put("EVALBOT_PORT", Integer.toString(freePort()));
        Process p = run(workDir, withPort, log, "serve");
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("evalbot did not refuse to start: " + Files.readString(log));
        }
        return p.exitValue();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The start-up lines that state each platform's mode. */
    List<String> modeLines() {
        return log().lines().filter(l -> l.matches(".* - (GitHub|Hub): (live|dry-run|off) \\(.*")).toList();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the server and keeps its log in {@code target/it-logs/} for reading after the run. */
    @Override
    public void close() {
        try {
            Path kept = Files.createDirectories(Path.of("target", "it-logs"));
            Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the log is a convenience; the test's own assertions say what failed
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
