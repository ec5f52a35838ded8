package dev.evalbot.app.cli;

import dev.evalbot.app.cli.common.ExitCodes;
import dev.evalbot.app.platform.github.WebhookSignature;
import dev.evalbot.app.server.WebhookSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evalbot send FILE...}: signs webhook payload files with the configured secret and posts
 * them to a running evalbot, as GitHub would. With the shipped example payloads it shows the
 * whole path, from delivery to review, on a machine with no account.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Sign GitHub webhook payload files with the webhook secret and post them to a running evalbot.")
final class SendCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "the webhook URL (default http://127.0.0.1:$EVALBOT_PORT/webhooks/github)")
    String url;

    @Option(names = "--event", paramLabel = "EVENT",
            description = "X-GitHub-Event (default: from the file name, e.g. pull_request.opened.json)")
    String event;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "payload files (JSON)")
    List<Path> files;

    private final Map<String, String> env;

    SendCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() throws Exception {
        String target = url != null ? url
                : "http://127.0.0.1:" + env.getOrDefault("EVALBOT_PORT", "8080") + "/webhooks/github";
        WebhookSignature signature = new WebhookSignature(
                WebhookSecrets.forSending(blankToNull(env.get("GITHUB_WEBHOOK_SECRET")),
                        // where the dry-run server wrote it: EVALBOT_DATA, as `serve` reads it
                        Path.of(env.getOrDefault("EVALBOT_DATA", "data")).resolve("webhook-secret")));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        boolean allOk = true;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("no such file: " + file);
            }
            byte[] body = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            String ev = event != null ? event : name.substring(0, name.indexOf('.') > 0 ? name.indexOf('.') : name.length());
            HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", ev)
                    .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                    .header("X-Hub-Signature-256", signature.sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                throw new IOException("cannot connect to " + target + ": is `evalbot serve` running?");
            }
            spec.commandLine().getOut().println(name + " -> " + response.statusCode() + " " + response.body());
            allOk &= response.statusCode() / 100 == 2;
        }
        return allOk ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
