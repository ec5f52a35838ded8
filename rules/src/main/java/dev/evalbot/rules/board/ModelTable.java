package dev.evalbot.rules.board;

import java.util.function.Consumer;

/**
 * A task's model slots by (platform, repository): open addressing with linear probing over one
 * array of slots, each slot holding its own key. Unlike a {@code HashMap<ModelKey, ModelSlot>} it
 * needs no entry or key object per model, which is what a million-report build would otherwise
 * make the garbage collector copy.
 */
final class ModelTable {
    private ModelSlot[] table;
    private int size;

    ModelTable(int expected) {
        int capacity = 8;
        while (capacity * 2 < expected * 3) {
            capacity <<= 1;
        }
        table = new ModelSlot[capacity];
    }

    int size() {
        return size;
    }

    ModelSlot get(String platform, String repo) {
        int mask = table.length - 1;
        for (int i = ModelSlot.hash(platform, repo) & mask; ; i = (i + 1) & mask) {
            ModelSlot s = table[i];
            if (s == null || s.is(platform, repo)) {
                return s;
            }
        }
    }

    ModelSlot getOrCreate(String platform, String repo) {
        ModelSlot found = get(platform, repo);
        if (found != null) {
            return found;
        }
        if ((size + 1) * 3 > table.length * 2) {
            grow();
        }
        ModelSlot created = new ModelSlot(platform, repo);
        place(table, created);
        size++;
        return created;
    }

    void remove(ModelSlot slot) {
        int mask = table.length - 1;
        int i = slot.hash & mask;
        while (table[i] != slot) {
            if (table[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        table[i] = null;
        size--;
        // Backward-shift deletion: move later slots of the run into the gap if their home allows.
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int home = table[j].hash & mask;
            boolean stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!stays) {
                table[i] = table[j];
                table[j] = null;
                i = j;
            }
        }
    }

    void forEach(Consumer<ModelSlot> action) {
        for (ModelSlot s : table) {
            if (s != null) {
                action.accept(s);
            }
        }
    }

    private void grow() {
        ModelSlot[] bigger = new ModelSlot[table.length * 2];
        for (ModelSlot s : table) {
            if (s != null) {
                place(bigger, s);
            }
        }
        table = bigger;
    }

    private static void place(ModelSlot[] into, ModelSlot s) {
        int mask = into.length - 1;
        int i = s.hash & mask;
        while (into[i] != null) {
            i = (i + 1) & mask;
        }
        into[i] = s;
    }
}
