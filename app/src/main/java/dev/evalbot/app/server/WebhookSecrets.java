package dev.evalbot.app.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The webhook secret. Unsigned webhooks are never accepted: a deployment with credentials must
 * set the secret; a dry-run without one gets a random local secret in {@code data/}, which
 * {@code evalbot send} reads, so the quick start needs no configuration and no account.
 */
public final class WebhookSecrets {
    private WebhookSecrets() {}

    public static String resolve(String configured, boolean dryRun, Path file) throws IOException {
        if (configured != null) {
            return configured;
        }
        if (!dryRun) {
            throw new IllegalStateException("GITHUB_WEBHOOK_SECRET is not set: evalbot never accepts unsigned webhooks");
        }
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
        return secret;
    }

    /** What {@code evalbot send} signs with: the configured secret, else the local dry-run one. */
    public static String forSending(String configured, Path file) throws IOException {
        if (configured != null) {
            return configured;
        }
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        throw new IOException("no webhook secret: set GITHUB_WEBHOOK_SECRET, or start `evalbot serve` in dry-run once "
                + "so that it creates " + file);
    }
}
