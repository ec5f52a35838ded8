package dev.evalbot.app.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An immutable, indexed view of one JWK set: every usable key gets its verifier once, so that
 * verifying a token costs a map lookup and the signature check, nothing more. Keys that cannot
 * verify are remembered with the reason, for precise messages. The JDK's verifier checks each key
 * when the set is loaded; the {@link SignatureProvider}'s faster one is built when the key is
 * first used (loading a native provider takes a second, which a server's start should not wait for).
 */
public final class KeyRing {
    private record Entry(String kid, SigningAlgorithm alg, ProviderVerifier verifier, String unusable) {}

    private final Map<String, Entry> byKid = new HashMap<>();
    private final List<Entry> withoutKid = new ArrayList<>();
    private final int size;

    /** The set, verified with the process's preferred provider ({@link SignatureProvider#preferred}). */
    public KeyRing(JWKSet set) {
        this(set, SignatureProvider::preferred);
    }

    /** The set, verified with the provider {@code provider} gives when a key is first used. */
    public KeyRing(JWKSet set, Supplier<SignatureProvider> provider) {
        for (JWK key : set.getKeys()) {
            Entry entry = entry(key, provider);
            if (key.getKeyID() == null) {
                withoutKid.add(entry);
            } else {
                // A repeated kid is ambiguous: the first one wins, as in most JWKS consumers.
                byKid.putIfAbsent(key.getKeyID(), entry);
            }
        }
        this.size = set.getKeys().size();
    }

    public int size() {
        return size;
    }

    /**
     * The key for a token signed with {@code alg}: by {@code kid} when the token names one,
     * otherwise the one usable key of that algorithm if there is exactly one.
     */
    public KeyLookup find(String kid, SigningAlgorithm alg) {
        if (kid == null) {
            List<Entry> candidates = new ArrayList<>();
            for (Entry e : byKid.values()) {
                addIfFits(candidates, e, alg);
            }
            for (Entry e : withoutKid) {
                addIfFits(candidates, e, alg);
            }
            if (candidates.size() == 1) {
                return found(candidates.get(0));
            }
            return new KeyLookup.Unknown("the token names no key (kid) and the key set has "
                    + candidates.size() + " " + alg.jws().getName() + " keys");
        }
        Entry e = byKid.get(kid);
        if (e == null) {
            return new KeyLookup.Unknown("signed by an unknown key (kid " + Clip.of(kid) + ")");
        }
        if (e.unusable() != null) {
            return new KeyLookup.Misfit(e.unusable());
        }
        if (e.alg() != alg) {
            return new KeyLookup.Misfit("key " + Clip.of(kid) + " is " + e.alg().keyKind() + ", but the token says "
                    + alg.jws().getName());
        }
        return found(e);
    }

    private static void addIfFits(List<Entry> candidates, Entry e, SigningAlgorithm alg) {
        if (e.unusable() == null && e.alg() == alg) {
            candidates.add(e);
        }
    }

    private static KeyLookup found(Entry e) {
        return new KeyLookup.Found(e.kid() == null ? "(no kid)" : e.kid(), e.verifier().get());
    }

    private static Entry entry(JWK key, Supplier<SignatureProvider> provider) {
        Optional<String> unusable = SigningAlgorithm.unusable(key);
        if (unusable.isPresent()) {
            return new Entry(key.getKeyID(), null, null, unusable.get());
        }
        SigningAlgorithm alg = SigningAlgorithm.forKey(key).orElseThrow();
        try {
            JWSVerifier jdk = alg.verifier(key);
            return new Entry(key.getKeyID(), alg, new ProviderVerifier(alg, key.toPublicJWK(), jdk, provider), null);
        } catch (JOSEException | RuntimeException e) {
            // e.g. an EC point not on its curve: the key is as good as absent, say why.
            return new Entry(key.getKeyID(), null, null, "key " + key.getKeyID() + " is invalid: " + e.getMessage());
        }
    }

    /** One key's verifier from the provider, built at its first use and kept. */
    private static final class ProviderVerifier {
        private final SigningAlgorithm alg;
        private final JWK publicKey;
        private final JWSVerifier jdk;
        private final Supplier<SignatureProvider> provider;
        private volatile JWSVerifier built;

        ProviderVerifier(SigningAlgorithm alg, JWK publicKey, JWSVerifier jdk, Supplier<SignatureProvider> provider) {
            this.alg = alg;
            this.publicKey = publicKey;
            this.jdk = jdk;
            this.provider = provider;
        }

        JWSVerifier get() {
            JWSVerifier v = built;
            if (v == null) {
                synchronized (this) {
                    if (built == null) {
                        built = provider.get().verifier(alg, publicKey, jdk);
                    }
                    v = built;
                }
            }
            return v;
        }
    }
}
