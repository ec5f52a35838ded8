package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reports of one model on one task, and their resolution as of the task's last ranking: the
 * shown report, the others, and the model's share of the task's totals. The resolution stays put
 * until the task ranks again, so that the old row can be found and the old counts taken back.
 *
 * <p>Fields rather than objects: there is one slot per model and task (near a million at scale)
 * and the garbage collector pays per object, so a lone report is held without an array and the
 * resolution lives in the slot itself.
 */
final class ModelSlot {
    final String platform;
    final String repo;
    /** Of (platform, repo), for {@link ModelTable}. */
    final int hash;
    /** The only report, or null when there are none or several. */
    private BoardEntry one;
    /** Two or more reports, or null. */
    private BoardEntry[] many;
    /** Queued for the next ranking. */
    boolean dirty;

    /** Whether the fields below are in the task's rows and totals. */
    boolean ranked;
    /** The shown report; null when no report is eligible (then the model has no row). */
    BoardEntry best;
    List<BoardEntry> others = List.of();
    /** {@code best.value()}, kept here for ranking. */
    double value;
    int verified;
    int author;
    int community;
    int excluded;
    Instant lastChange;

    ModelSlot(String platform, String repo) {
        this.platform = platform;
        this.repo = repo;
        this.hash = hash(platform, repo);
    }

    static int hash(String platform, String repo) {
        int h = 31 * platform.hashCode() + repo.hashCode();
        return h ^ (h >>> 16);
    }

    boolean is(String platform, String repo) {
        return (this.repo == repo || this.repo.equals(repo))
                && (this.platform == platform || this.platform.equals(platform));
    }

    ModelKey key() {
        return new ModelKey(platform, repo);
    }

    void add(BoardEntry e) {
        if (one == null && many == null) {
            one = e;
        } else if (one != null) {
            many = new BoardEntry[] {one, e};
            one = null;
        } else {
            many = Arrays.copyOf(many, many.length + 1);
            many[many.length - 1] = e;
        }
    }

    /** @return how many reports were removed */
    int removePr(int prNumber) {
        if (one != null) {
            if (one.prNumber() != prNumber) {
                return 0;
            }
            one = null;
            return 1;
        }
        if (many == null) {
            return 0;
        }
        List<BoardEntry> kept = reports(prNumber, false);
        int removed = many.length - kept.size();
        many = null;
        if (kept.size() == 1) {
            one = kept.get(0);
        } else if (kept.size() > 1) {
            many = kept.toArray(new BoardEntry[0]);
        }
        return removed;
    }

    List<BoardEntry> reportsOf(int prNumber) {
        if (one != null) {
            return one.prNumber() == prNumber ? List.of(one) : List.of();
        }
        return many == null ? List.of() : reports(prNumber, true);
    }

    boolean isEmpty() {
        return one == null && many == null;
    }

    boolean hasRow() {
        return ranked && best != null;
    }

    /** Resolves the current reports into the fields; an empty slot resolves to nothing. */
    void resolve(boolean lowerIsBetter) {
        verified = author = community = excluded = 0;
        best = null;
        others = List.of();
        lastChange = null;
        ranked = !isEmpty();
        if (one != null) {
            take(one); // the common case, without a list or a sort
        } else if (many != null) {
            List<BoardEntry> eligible = new ArrayList<>(many.length);
            for (BoardEntry e : many) {
                if (take(e)) {
                    eligible.add(e);
                }
            }
            if (eligible.size() > 1) {
                eligible.sort(Ranking.reports(lowerIsBetter));
                best = eligible.get(0);
                others = List.copyOf(eligible.subList(1, eligible.size()));
            }
        }
        value = best == null ? Double.NaN : best.value();
    }

    /** Counts one report; the first eligible one becomes {@code best} (sorted later if there are more). */
    private boolean take(BoardEntry e) {
        if (lastChange == null || e.updatedAt().isAfter(lastChange)) {
            lastChange = e.updatedAt();
        }
        if (!e.eligible()) {
            excluded++;
            return false;
        }
        Tier t = e.tier();
        if (t == Tier.VERIFIED) {
            verified++;
        } else if (t == Tier.AUTHOR) {
            author++;
        } else {
            community++;
        }
        if (best == null) {
            best = e;
        }
        return true;
    }

    private List<BoardEntry> reports(int prNumber, boolean ofPr) {
        List<BoardEntry> out = new ArrayList<>(many.length);
        for (BoardEntry e : many) {
            if ((e.prNumber() == prNumber) == ofPr) {
                out.add(e);
            }
        }
        return out;
    }
}
