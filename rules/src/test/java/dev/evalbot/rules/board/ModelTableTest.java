package dev.evalbot.rules.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The open-addressing table agrees with a HashMap through random inserts and deletions. */
class ModelTableTest {
    @Test
    void behavesLikeAMapThroughGrowthAndBackwardShiftDeletion() {
        Random random = new Random(7);
        ModelTable table = new ModelTable(0);
        Map<ModelKey, ModelSlot> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // Few keys, two platforms, same repository names: long probe runs and wrap-around.
            String repo = "m/" + random.nextInt(3000);
            String platform = random.nextInt(4) == 0 ? "github" : "hub";
            ModelKey key = new ModelKey(platform, repo);
            if (random.nextInt(3) == 0) {
                ModelSlot slot = reference.remove(key);
                if (slot != null) {
                    table.remove(slot);
                }
                assertNull(table.get(platform, repo));
            } else {
                ModelSlot slot = table.getOrCreate(platform, new String(repo)); // equal, not identical
                ModelSlot known = reference.putIfAbsent(key, slot);
                if (known != null) {
                    assertSame(known, slot);
                }
            }
            assertEquals(reference.size(), table.size());
        }
        for (Map.Entry<ModelKey, ModelSlot> e : reference.entrySet()) {
            assertSame(e.getValue(), table.get(e.getKey().platform(), e.getKey().modelRepo()));
        }
        Set<ModelSlot> seen = new HashSet<>();
        table.forEach(seen::add);
        assertEquals(Set.copyOf(reference.values()), seen);
    }
}
