package dev.evalbot.app.trust;

import com.nimbusds.jose.JWSVerifier;

/** What a key set says about the key a token names. */
public sealed interface KeyLookup {

    /** A usable key, with its verifier built once when the key set was loaded. */
    record Found(String keyId, JWSVerifier verifier) implements KeyLookup {}

    /** No key by that id (or, without an id, no single candidate); the message says which. */
    record Unknown(String message) implements KeyLookup {}

    /** The key exists but cannot verify this token (other type, other use, too weak). */
    record Misfit(String message) implements KeyLookup {}

    /** The key set itself could not be had (not configured, offline, fetch failed). */
    record Unavailable(String why) implements KeyLookup {}
}
