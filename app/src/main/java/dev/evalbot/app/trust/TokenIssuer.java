package dev.evalbot.app.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * What a trusted evaluation runner uses to sign the entries it produced, and what tests use to
 * make real tokens. One issuer holds one private key; thread-safe.
 */
public final class TokenIssuer {
    public static final String PRIVATE_KEY_FILE = "private.jwk.json";
    public static final String PUBLIC_JWKS_FILE = "jwks.json";

    /** Where {@link #writeKeyPair} put the two files. */
    public record KeyFiles(Path privateKey, Path publicJwks) {}

    private final JWK privateKey;
    private final SigningAlgorithm alg;
    private final JWSSigner signer;
    private final Clock clock;

    public TokenIssuer(JWK privateKey, Clock clock) {
        if (!privateKey.isPrivate()) {
            throw new IllegalArgumentException("key " + privateKey.getKeyID()
                    + " is a public key; signing needs the private key");
        }
        this.alg = SigningAlgorithm.forKey(privateKey).orElseThrow(() -> new IllegalArgumentException(
                "key " + privateKey.getKeyID() + " is not an Ed25519, EC P-256 or RSA key"));
        SigningAlgorithm.unusable(privateKey).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        this.privateKey = privateKey;
        this.clock = clock;
        try {
            this.signer = alg.signer(privateKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with key " + privateKey.getKeyID() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads a private JWK written by {@link #writeKeyPair}. */
    public static TokenIssuer fromFile(Path privateJwk, Clock clock) throws IOException {
        try {
            return new TokenIssuer(JWK.parse(Files.readString(privateJwk, StandardCharsets.UTF_8)), clock);
        } catch (ParseException e) {
            throw new IOException(privateJwk + " is not a JWK: " + e.getMessage(), e);
        }
    }

    /**
     * A new key pair; without a {@code kid}, the key's RFC 7638 thumbprint (shortened) names it,
     * so two runners never collide by accident.
     */
    public static JWK generateKey(SigningAlgorithm alg, String kid) {
        try {
            JWK key = alg.generate(kid);
            if (kid != null) {
                return key;
            }
            String thumbprint = key.computeThumbprint().toString().substring(0, 16);
            return withKid(key, thumbprint);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot generate a " + alg + " key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code dir/private.jwk.json} (owner-only where the file system allows) and
     * {@code dir/jwks.json} (the public key set to publish). Refuses to overwrite a private key.
     */
    public static KeyFiles writeKeyPair(JWK privateKey, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path privatePath = dir.resolve(PRIVATE_KEY_FILE);
        Path publicPath = dir.resolve(PUBLIC_JWKS_FILE);
        if (Files.exists(privatePath)) {
            throw new FileAlreadyExistsException(privatePath + " exists; refusing to overwrite a private key");
        }
        try {
            Files.createFile(privatePath,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(privatePath);
        }
        Files.writeString(privatePath, privateKey.toJSONString() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(publicPath, new JWKSet(List.of(privateKey.toPublicJWK())).toString(true) + "\n",
                StandardCharsets.UTF_8);
        return new KeyFiles(privatePath, publicPath);
    }

    public String keyId() {
        return privateKey.getKeyID();
    }

    public SigningAlgorithm algorithm() {
        return alg;
    }

    /** The public key set that verifies this issuer's tokens. */
    public JWKSet publicJwks() {
        return new JWKSet(privateKey.toPublicJWK());
    }

    /**
     * A token for one entry: {@code iat} now, {@code exp} now + {@code expiresIn} when given,
     * {@code iss} when given, {@code revision} when the subject has one, {@code kid} always.
     */
    public String sign(TokenSubject subject, Duration expiresIn, String issuer) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject.modelRepo())
                .claim("dataset", subject.datasetId())
                .claim("task_id", subject.taskId())
                .claim("value", subject.value())
                .issueTime(Date.from(now));
        if (subject.revision() != null) {
            claims.claim("revision", subject.revision());
        }
        if (expiresIn != null) {
            claims.expirationTime(Date.from(now.plus(expiresIn)));
        }
        if (issuer != null) {
            claims.issuer(issuer);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg.jws()).keyID(privateKey.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private static JWK withKid(JWK key, String kid) throws ParseException {
        var json = key.toJSONObject();
        json.put("kid", kid);
        return JWK.parse(json);
    }
}
