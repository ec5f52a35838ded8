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

/**
 * An immutable, indexed view of one JWK set: every usable key gets its verifier once, here, so
 * that verifying a token costs a map lookup and the signature check, nothing more. Keys that
 * cannot verify are remembered with the reason, for precise messages.
 */
public final class KeyRing {
    private record Entry(String kid, SigningAlgorithm alg, JWSVerifier verifier, String unusable) {}

    private final Map<String, Entry> byKid = new HashMap<>();
    private final List<Entry> withoutKid = new ArrayList<>();
    private final int size;

    public KeyRing(JWKSet set) {
        for (JWK key : set.getKeys()) {
            Entry entry = entry(key);
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
        return new KeyLookup.Found(e.kid() == null ? "(no kid)" : e.kid(), e.verifier());
    }

    private static Entry entry(JWK key) {
        Optional<String> unusable = SigningAlgorithm.unusable(key);
        if (unusable.isPresent()) {
            return new Entry(key.getKeyID(), null, null, unusable.get());
        }
        SigningAlgorithm alg = SigningAlgorithm.forKey(key).orElseThrow();
        try {
            return new Entry(key.getKeyID(), alg, alg.verifier(key), null);
        } catch (JOSEException | RuntimeException e) {
            // e.g. an EC point not on its curve: the key is as good as absent, say why.
            return new Entry(key.getKeyID(), null, null, "key " + key.getKeyID() + " is invalid: " + e.getMessage());
        }
    }
}
