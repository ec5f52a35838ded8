package dev.evalbot.app.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Optional;

/**
 * The allow-list of token algorithms, each tied to the one key type that may verify it, so a
 * token can never choose how its own key is used (no none, no HMAC, no RSA key read as a secret).
 */
public enum SigningAlgorithm {
    EdDSA(JWSAlgorithm.EdDSA, "an Ed25519 (OKP) key"),
    ES256(JWSAlgorithm.ES256, "an EC P-256 key"),
    RS256(JWSAlgorithm.RS256, "an RSA key");

    /** Below this an RSA signature is not worth trusting. */
    public static final int MIN_RSA_BITS = 2048;

    private final JWSAlgorithm jws;
    private final String keyKind;

    SigningAlgorithm(JWSAlgorithm jws, String keyKind) {
        this.jws = jws;
        this.keyKind = keyKind;
    }

    public JWSAlgorithm jws() {
        return jws;
    }

    /** How the key this algorithm needs is described in messages. */
    public String keyKind() {
        return keyKind;
    }

    /** The algorithm a header names, exactly as JOSE spells it (names are case-sensitive). */
    public static Optional<SigningAlgorithm> byName(String name) {
        for (SigningAlgorithm a : values()) {
            if (a.jws.getName().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The only algorithm this key may verify, by its type and curve; empty for any other key. */
    public static Optional<SigningAlgorithm> forKey(JWK key) {
        if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return Optional.of(EdDSA);
        }
        if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return Optional.of(ES256);
        }
        if (key instanceof RSAKey) {
            return Optional.of(RS256);
        }
        return Optional.empty();
    }

    /** Why {@code key} cannot verify tokens at all; empty when it can (with {@link #forKey}). */
    public static Optional<String> unusable(JWK key) {
        String name = "key " + (key.getKeyID() == null ? "(no kid)" : key.getKeyID());
        Optional<SigningAlgorithm> alg = forKey(key);
        if (alg.isEmpty()) {
            return Optional.of(name + " is a " + key.getKeyType() + " key, not one of the allowed kinds"
                    + " (Ed25519, EC P-256, RSA)");
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return Optional.of(name + " is not for signatures (use: " + key.getKeyUse().identifier() + ")");
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.get().jws.getName())) {
            return Optional.of(name + " is declared for " + key.getAlgorithm().getName() + ", not "
                    + alg.get().jws.getName());
        }
        if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
            return Optional.of(name + " is a " + rsa.size() + "-bit RSA key; at least " + MIN_RSA_BITS
                    + " bits are required");
        }
        return Optional.empty();
    }

    /** A new key pair for this algorithm, with {@code use: sig} and {@code alg} set. */
    public JWK generate(String kid) throws JOSEException {
        return switch (this) {
            case EdDSA -> new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(jws).generate();
            case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws)
                    .generate();
            case RS256 -> new RSAKeyGenerator(MIN_RSA_BITS).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws)
                    .generate();
        };
    }

    /** A verifier for the public part of {@code key}; the caller has checked it fits this algorithm. */
    public JWSVerifier verifier(JWK key) throws JOSEException {
        return switch (this) {
            case EdDSA -> new Ed25519Verifier(((OctetKeyPair) key).toPublicJWK());
            case ES256 -> new ECDSAVerifier(((ECKey) key).toPublicJWK());
            case RS256 -> new RSASSAVerifier(((RSAKey) key).toPublicJWK());
        };
    }

    /** A signer for a private key of this algorithm's kind. */
    public JWSSigner signer(JWK key) throws JOSEException {
        return switch (this) {
            case EdDSA -> new Ed25519Signer((OctetKeyPair) key);
            case ES256 -> new ECDSASigner((ECKey) key);
            case RS256 -> new RSASSASigner((RSAKey) key);
        };
    }
}
