package dev.evalbot.app.cli.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The token commands end to end: real keys in a temp directory, a fixed clock, captured output. */
class TokenCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String ENTRIES = """
            - dataset:
                id: cais/hle
                task_id: hle
                revision: a3c98f7
              value: 20.90
            - dataset: {id: Idavidrein/gpqa, task_id: gpqa_diamond}
              value: 0.412
            """;

    @TempDir
    Path dir;

    private Path results;
    private String out;
    private String err;

    @BeforeEach
    void writeResults() throws IOException {
        results = write("results.yaml", ENTRIES);
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = new CommandLine(new TokenCommand(CLOCK));
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        int code = cli.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private String sign(String... extra) {
        String[] base = {"sign", "--key", dir.resolve("keys/private.jwk.json").toString(), "--model", "acme/m-7b",
                results.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        assertEquals(0, run(args), err);
        return out.strip();
    }

    /** The results file with each entry's token added under it. */
    private Path signedResults(String token1, String token2) throws IOException {
        return write("signed.yaml", ENTRIES.replace("  value: 20.90\n", "  value: 20.90\n  verifyToken: " + token1
                + "\n").replace("  value: 0.412\n", "  value: 0.412\n  verifyToken: " + token2 + "\n"));
    }

    @Test
    void keygenSignVerifyRoundTrip() throws IOException {
        assertEquals(0, run("keygen", "--out", dir.resolve("keys").toString(), "--alg", "ES256", "--kid", "runner-1"),
                err);
        assertTrue(out.startsWith("key runner-1 (ES256)"), out);
        Path signed = signedResults(sign(), sign("--entry", "2", "--expires-in", "30d", "--issuer", "ci"));

        assertEquals(0, run("verify", "--jwks", dir.resolve("keys/jwks.json").toString(), "--model", "acme/m-7b",
                signed.toString()), err);
        assertEquals("""
                entry 1 (cais/hle hle): verified (key runner-1)
                entry 2 (Idavidrein/gpqa gpqa_diamond): verified (key runner-1, issuer ci)
                """, out.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void verifyReportsEachFailureAndExitsOne() throws IOException {
        assertEquals(0, run("keygen", "--out", dir.resolve("keys").toString()), err);
        String first = sign();
        // Entry 2 carries entry 1's token: bound to another dataset.
        Path signed = signedResults(first, first);
        assertEquals(1, run("verify", "--jwks", dir.resolve("keys/jwks.json").toString(), "--model", "acme/m-7b",
                signed.toString()));
        assertTrue(out.contains("entry 1 (cais/hle hle): verified"), out);
        assertTrue(out.contains("entry 2 (Idavidrein/gpqa gpqa_diamond): unverified: token is for dataset cais/hle,"
                + " this entry is on dataset Idavidrein/gpqa"), out);

        assertEquals(1, run("verify", "--jwks", dir.resolve("keys/jwks.json").toString(), "--model", "other/model",
                results.toString()));
        assertTrue(out.contains("entry 1 (cais/hle hle): unverified: no verifyToken"), out);
    }

    @Test
    void ioAndUsageErrorsAreOneLineAndExitTwo() throws IOException {
        assertEquals(2, run("verify", "--jwks", dir.resolve("missing.json").toString(), "--model", "a/b",
                results.toString()));
        assertEquals("error: cannot read key set " + dir.resolve("missing.json") + ": no such file",
                err.strip());

        assertEquals(0, run("keygen", "--out", dir.resolve("keys").toString()), err);
        assertEquals(2, run("keygen", "--out", dir.resolve("keys").toString()));
        assertEquals("error: " + dir.resolve("keys/private.jwk.json") + " exists; refusing to overwrite a private key",
                err.strip());

        assertEquals(2, run("sign", "--key", dir.resolve("keys/private.jwk.json").toString(), "--model", "a/b",
                "--entry", "3", results.toString()));
        assertEquals("error: " + results + " has 2 entries; --entry 3 is out of range", err.strip());

        Path broken = write("broken.yaml", "- dataset: {id: a/b\n");
        assertEquals(2, run("sign", "--key", dir.resolve("keys/private.jwk.json").toString(), "--model", "a/b",
                broken.toString()));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("error: " + broken + ":"), err);
        assertFalse(err.contains("Exception"), err);

        assertEquals(2, run("sign", "--model", "a/b", results.toString()));
        assertTrue(err.contains("--key"), err);
        assertEquals(2, run("sign", "--key", "k", "--model", "a/b", "--expires-in", "soon", results.toString()));
        assertTrue(err.contains("'soon' is not a duration"), err);
    }
}
