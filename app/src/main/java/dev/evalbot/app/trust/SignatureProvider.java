package dev.evalbot.app.trust;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.amazon.corretto.crypto.provider.SelfTestStatus;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JCA provider checks verifyToken signatures. The JDK 17 P-256 and Ed25519 code (and Tink's
 * Ed25519, which nimbus uses) is pure Java: about a millisecond per ES256 signature. AWS-LC through
 * the Amazon Corretto Crypto Provider does the same check natively, 10 to 20 times faster. It is
 * used only here, passed by object to the verifiers, never installed with {@code Security}, so TLS
 * and every other use of crypto in the process keep the JDK's providers. It is used only when its
 * native library loads on this platform and its self-tests pass; otherwise the JDK's verifiers,
 * exactly as before, with one log line saying why.
 */
public sealed interface SignatureProvider {

    /**
     * The verifier of this provider for {@code publicKey}, or {@code jdkVerifier} (the JDK's for
     * the same key, which has already accepted it) when this provider cannot take the key.
     */
    JWSVerifier verifier(SigningAlgorithm alg, JWK publicKey, JWSVerifier jdkVerifier);

    /** The JDK's providers (and Tink for Ed25519), as nimbus uses them by default. */
    record Jdk(String why) implements SignatureProvider {
        @Override
        public JWSVerifier verifier(SigningAlgorithm alg, JWK publicKey, JWSVerifier jdkVerifier) {
            return jdkVerifier;
        }
    }

    /** A native provider that loaded and passed its self-tests here. */
    record Native(Provider provider) implements SignatureProvider {
        @Override
        public JWSVerifier verifier(SigningAlgorithm alg, JWK publicKey, JWSVerifier jdkVerifier) {
            try {
                return switch (alg) {
                    case EdDSA -> new JcaEd25519Verifier((OctetKeyPair) publicKey, provider);
                    case ES256 -> {
                        ECPublicKey key = (ECPublicKey) translate("EC", ((ECKey) publicKey).toECPublicKey().getEncoded());
                        ECDSAVerifier v = new ECDSAVerifier(key);
                        v.getJCAContext().setProvider(provider);
                        yield v;
                    }
                    case RS256 -> {
                        RSAPublicKey key = (RSAPublicKey) translate("RSA",
                                ((RSAKey) publicKey).toRSAPublicKey().getEncoded());
                        RSASSAVerifier v = new RSASSAVerifier(key);
                        v.getJCAContext().setProvider(provider);
                        yield v;
                    }
                };
            } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
                // The JDK took this key when the set was loaded; keep its verifier rather than none.
                return jdkVerifier;
            }
        }

        /** The key as the provider's own object, so a verify does not convert it again. */
        private java.security.PublicKey translate(String type, byte[] x509) throws GeneralSecurityException {
            return KeyFactory.getInstance(type, provider).generatePublic(new X509EncodedKeySpec(x509));
        }
    }

    /** The JDK's verifiers, whatever this platform could load. */
    static SignatureProvider jdk() {
        return new Jdk("the JDK's providers were asked for");
    }

    /** The process's provider: loaded once, at the first token a key set is asked to verify. */
    static SignatureProvider preferred() {
        return PreferredSignatureProvider.INSTANCE;
    }

    /**
     * The native provider {@code load} gives, if it loaded and passes its self-tests; else the JDK,
     * logged once. {@code load} may throw anything a missing or broken native library throws.
     */
    static SignatureProvider choose(Supplier<AmazonCorrettoCryptoProvider> load) {
        Logger log = LoggerFactory.getLogger(SignatureProvider.class);
        String why;
        try {
            AmazonCorrettoCryptoProvider accp = load.get();
            Throwable loading = accp.getLoadingError();
            SelfTestStatus status = loading == null ? accp.runSelfTests() : null;
            if (loading == null && status == SelfTestStatus.PASSED) {
                log.debug("verifyToken signatures: {} {} (AWS-LC)", accp.getName(), accp.getVersionStr());
                return new Native(accp);
            }
            why = loading != null ? "its native library did not load: " + loading.getMessage()
                    : "its self-tests say " + status;
        } catch (RuntimeException | LinkageError e) {
            why = "it could not be loaded: " + e;
        }
        String message = "Amazon Corretto Crypto Provider unavailable (" + why
                + "); verifyToken signatures are checked by the JDK, about 10x slower for ES256 and EdDSA";
        log.info(message);
        return new Jdk(message);
    }
}

/** Holder: the native library is loaded when a key is first used, not when the server starts. */
final class PreferredSignatureProvider {
    static final SignatureProvider INSTANCE = SignatureProvider.choose(() -> AmazonCorrettoCryptoProvider.INSTANCE);

    private PreferredSignatureProvider() {}
}
