package dev.evalbot.app.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

/**
 * EdDSA (Ed25519) through a JCA provider: nimbus's own Ed25519Verifier always uses Tink's
 * pure-Java code, and takes no provider. Same contract: EdDSA only, a header with critical
 * parameters never passes, a signature that is not 64 bytes or does not verify is false.
 */
final class JcaEd25519Verifier implements JWSVerifier {
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the 32 key bytes. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int SIGNATURE_BYTES = 64;

    private final PublicKey publicKey;
    private final JCAContext jca;

    JcaEd25519Verifier(OctetKeyPair key, Provider provider) throws JOSEException {
        if (!Curve.Ed25519.equals(key.getCurve()) || key.isPrivate()) {
            throw new JOSEException("an Ed25519 public key is required");
        }
        byte[] x = key.getDecodedX();
        if (x.length != 32) {
            throw new JOSEException("an Ed25519 public key has 32 bytes, not " + x.length);
        }
        byte[] encoded = new byte[X509_PREFIX.length + x.length];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(x, 0, encoded, X509_PREFIX.length, x.length);
        try {
            // The JDK's key object: the provider reads it by its encoding.
            this.publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("invalid Ed25519 public key: " + e.getMessage(), e);
        }
        this.jca = new JCAContext(provider, null);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException("Ed25519 verifies EdDSA only, not " + header.getAlgorithm());
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return false;
        }
        byte[] sig = signature.decode();
        if (sig.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519", jca.getProvider());
            verifier.initVerify(publicKey);
            verifier.update(signingInput);
            return verifier.verify(sig);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Ed25519 verification failed: " + e.getMessage(), e);
        }
    }
}
