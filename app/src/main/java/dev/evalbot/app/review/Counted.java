package dev.evalbot.app.review;

/** A count with its noun in the right number, for what people read: "1 file", "2 files", "1 entry". */
public final class Counted {
    private Counted() {}

    /** {@code n} and {@code noun}, with an "s" unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
