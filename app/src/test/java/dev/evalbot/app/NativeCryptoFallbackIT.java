package dev.evalbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.evalbot.app.trust.SigningAlgorithm;
import dev.evalbot.app.trust.TokenIssuer;
import dev.evalbot.app.trust.TokenSubject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar verifies tokens whether or not the native crypto library loads: here it is
 * made unloadable for real (the provider must extract its library to a directory, and is given a
 * path below a plain file), as on a platform without the library or with a no-exec temp dir.
 */
class NativeCryptoFallbackIT {
    private static final String UNAVAILABLE = "Amazon Corretto Crypto Provider unavailable";

    @TempDir
    Path dir;

    @Test
    void tokensVerifyAndForgeriesFailWithAndWithoutTheNativeLibrary() throws Exception {
        Path results = signedResults();
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        String unloadable = "-Dcom.amazon.corretto.crypto.provider.tmpdir=" + notADirectory.resolve("lib");

        String withNative = verify(Map.of(), results, 1);
        String withoutNative = verify(Map.of("JAVA_TOOL_OPTIONS", unloadable), results, 1);

        assertFalse(withNative.contains(UNAVAILABLE), withNative);
        assertTrue(withoutNative.contains(UNAVAILABLE + " (its native library did not load"), withoutNative);
        assertEquals(1, withoutNative.lines().filter(l -> l.contains(UNAVAILABLE)).count(), "one log line");
        for (String out : List.of(withNative, withoutNative)) {
            assertTrue(out.contains("entry 1 (cais/hle hle): verified (key runner-es)"), out);
            assertTrue(out.contains("entry 2 (Idavidrein/gpqa gpqa_diamond): verified (key runner-ed)"), out);
            assertTrue(out.contains("entry 3 (openai/gsm8k main): unverified: signature does not verify"), out);
        }
    }

    /** Three entries: ES256 and EdDSA tokens that verify, and an EdDSA token with a forged value. */
    private Path signedResults() throws Exception {
        JWK es = TokenIssuer.generateKey(SigningAlgorithm.ES256, "runner-es");
        JWK ed = TokenIssuer.generateKey(SigningAlgorithm.EdDSA, "runner-ed");
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(List.of(es.toPublicJWK(), ed.toPublicJWK())).toString());
        Clock clock = Clock.systemUTC();
        String first = new TokenIssuer(es, clock).sign(new TokenSubject("acme/m-7b", "cais/hle", "hle", 20.9, "a3c98f7"),
                Duration.ofDays(1), null);
        String second = new TokenIssuer(ed, clock).sign(new TokenSubject("acme/m-7b", "Idavidrein/gpqa",
                "gpqa_diamond", 0.412, null), Duration.ofDays(1), null);
        String signed = new TokenIssuer(ed, clock).sign(new TokenSubject("acme/m-7b", "openai/gsm8k", "main", 0.5,
                null), Duration.ofDays(1), null);
        String[] parts = signed.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("0.5", "0.9");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        return Files.writeString(dir.resolve("results.yaml"), """
                - dataset: {id: cais/hle, task_id: hle, revision: a3c98f7}
                  value: 20.9
                  verifyToken: %s
                - dataset: {id: Idavidrein/gpqa, task_id: gpqa_diamond}
                  value: 0.412
                  verifyToken: %s
                - dataset: {id: openai/gsm8k, task_id: main}
                  value: 0.9
                  verifyToken: %s
                """.formatted(first, second, forged));
    }

    /** {@code evalbot token verify} from the jar; returns its output after checking its exit status. */
    private String verify(Map<String, String> env, Path results, int expectedExit) throws Exception {
        Path log = Files.createTempFile(dir, "verify", ".log");
        Process p = JarServer.run(dir, env, log, "token", "verify", "--jwks", dir.resolve("jwks.json").toString(),
                "--model", "acme/m-7b", results.toString());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("token verify did not finish: " + Files.readString(log));
        }
        String out = Files.readString(log);
        assertEquals(expectedExit, p.exitValue(), out);
        return out;
    }
}
