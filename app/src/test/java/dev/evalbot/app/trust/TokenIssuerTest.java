package dev.evalbot.app.trust;

import static dev.evalbot.app.trust.Keys.CLOCK;
import static dev.evalbot.app.trust.Keys.SUBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenIssuerTest {
    @TempDir
    Path dir;

    @Test
    void keyPairFilesRoundTripThroughTheFileSource() throws Exception {
        JWK key = TokenIssuer.generateKey(SigningAlgorithm.EdDSA, null);
        assertEquals(16, key.getKeyID().length(), "a thumbprint names a key generated without a kid");
        TokenIssuer.KeyFiles files = TokenIssuer.writeKeyPair(key, dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKey())));
        JWKSet published = JWKSet.parse(Files.readString(files.publicJwks(), StandardCharsets.UTF_8));
        assertFalse(published.getKeys().get(0).isPrivate(), "the published set holds no private key");

        TokenIssuer issuer = TokenIssuer.fromFile(files.privateKey(), CLOCK);
        String token = issuer.sign(SUBJECT, Duration.ofHours(1), "ci");
        TokenVerifier verifier = new TokenVerifier(FileJwksSource.load(files.publicJwks()), CLOCK);
        assertEquals(new TokenCheck.Verified(key.getKeyID(), "ci"), verifier.verify(SUBJECT, token));
    }

    @Test
    void existingPrivateKeyIsNeverOverwritten() throws Exception {
        TokenIssuer.writeKeyPair(TokenIssuer.generateKey(SigningAlgorithm.ES256, "a"), dir);
        String before = Files.readString(dir.resolve(TokenIssuer.PRIVATE_KEY_FILE));
        assertThrows(FileAlreadyExistsException.class,
                () -> TokenIssuer.writeKeyPair(TokenIssuer.generateKey(SigningAlgorithm.ES256, "b"), dir));
        assertEquals(before, Files.readString(dir.resolve(TokenIssuer.PRIVATE_KEY_FILE)));
    }

    @Test
    void signingNeedsAPrivateKey() {
        JWK publicKey = TokenIssuer.generateKey(SigningAlgorithm.RS256, "r").toPublicJWK();
        var e = assertThrows(IllegalArgumentException.class, () -> new TokenIssuer(publicKey, CLOCK));
        assertTrue(e.getMessage().contains("public key"), e.getMessage());
    }

    @Test
    void unreadableKeySetNamesTheFile() {
        var e = assertThrows(java.io.IOException.class, () -> FileJwksSource.load(dir.resolve("missing.json")));
        assertEquals("cannot read key set " + dir.resolve("missing.json") + ": no such file", e.getMessage());
    }
}
