package dev.evalbot.app.trust;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;

/** A key set read once from a file (the CLI's --jwks, or a server's mounted key set). */
public final class FileJwksSource implements JwksSource {
    private final KeyRing ring;

    public FileJwksSource(KeyRing ring) {
        this.ring = ring;
    }

    /** Reads and parses the file; an IOException names it and says what is wrong. */
    public static FileJwksSource load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read key set " + file + ": " + describe(e), e);
        }
        try {
            return new FileJwksSource(new KeyRing(JWKSet.parse(text)));
        } catch (ParseException e) {
            throw new IOException(file + " is not a JWK set: " + e.getMessage(), e);
        }
    }

    @Override
    public KeyLookup find(String kid, SigningAlgorithm alg) {
        return ring.find(kid, alg);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
