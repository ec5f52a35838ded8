package dev.evalbot.rules.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TierTest {
    @Test
    void declarationOrderIsTrustMostTrustedFirst() {
        List<Tier> shuffled = Arrays.asList(Tier.COMMUNITY, Tier.VERIFIED, Tier.AUTHOR);
        shuffled.sort(null);
        assertEquals(List.of(Tier.VERIFIED, Tier.AUTHOR, Tier.COMMUNITY), shuffled);
        assertTrue(Tier.VERIFIED.moreTrustedThan(Tier.AUTHOR));
        assertFalse(Tier.COMMUNITY.moreTrustedThan(Tier.AUTHOR));
    }

    @Test
    void tierFollowsTokenThenMerge() {
        assertEquals(Tier.VERIFIED, Tier.of(true, PrState.OPEN));
        assertEquals(Tier.VERIFIED, Tier.of(true, PrState.MERGED));
        assertEquals(Tier.AUTHOR, Tier.of(false, PrState.MERGED));
        assertEquals(Tier.COMMUNITY, Tier.of(false, PrState.OPEN));
        assertEquals(Tier.COMMUNITY, Tier.of(false, PrState.CLOSED));
    }

    @Test
    void mergingLiftsCommunityAndKeepsVerified() {
        assertEquals(Tier.AUTHOR, Tier.COMMUNITY.afterMerge());
        assertEquals(Tier.AUTHOR, Tier.AUTHOR.afterMerge());
        assertEquals(Tier.VERIFIED, Tier.VERIFIED.afterMerge());
    }

    @Test
    void labelsRoundTrip() {
        for (Tier t : Tier.values()) {
            assertEquals(Optional.of(t), Tier.parse(t.label()));
        }
        assertEquals("verified", Tier.VERIFIED.label());
        assertEquals(Optional.of(Tier.AUTHOR), Tier.parse(" Author "));
        assertEquals(Optional.empty(), Tier.parse("trusted"));
        assertEquals(Optional.empty(), Tier.parse(null));
    }

    @Test
    void prStatesReadBothPlatformsWords() {
        assertEquals(Optional.of(PrState.OPEN), PrState.parse("open"));
        assertEquals(Optional.of(PrState.OPEN), PrState.parse("draft"));
        assertEquals(Optional.of(PrState.MERGED), PrState.parse("MERGED"));
        assertEquals(Optional.of(PrState.CLOSED), PrState.parse("closed"));
        assertEquals(Optional.empty(), PrState.parse("locked"));
    }
}
