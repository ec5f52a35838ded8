package dev.evalbot.rules.benchmark;

import dev.evalbot.rules.model.Benchmark;

/** What the registry knows about one dataset id. */
public sealed interface Lookup {
    /** A registered benchmark; {@code notice} says where its definition came from, when that matters. */
    record Found(Benchmark benchmark, String notice) implements Lookup {
        public Found(Benchmark benchmark) {
            this(benchmark, null);
        }
    }

    /** Not a registered benchmark; {@code howToRegister} tells the author what to do. */
    record NotRegistered(String howToRegister) implements Lookup {}

    /** The definition could not be read right now (the Hub is down and nothing is cached). */
    record Unavailable(String reason) implements Lookup {}
}
