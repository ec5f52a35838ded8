package dev.evalbot.rules.benchmark.inspect;

import java.math.BigInteger;

/**
 * The Python value Inspect's {@code yaml.safe_load} (PyYAML, YAML 1.1) makes of one YAML node,
 * which is what pydantic then validates. It differs from evalbot's YAML 1.2 reading: {@code no}
 * is a boolean, {@code 2021-01-01} a date, {@code 010} the octal 8, {@code 1e3} a string.
 */
public sealed interface PyValue {
    /** How a message names this value, e.g. "the number 2021". */
    String describe();

    record Null() implements PyValue {
        public String describe() {
            return "nothing (null)";
        }
    }

    /** @param text the scalar as written, since YAML 1.1 has eighteen spellings of a boolean */
    record Bool(boolean value, String text) implements PyValue {
        public String describe() {
            String word = value ? "true" : "false";
            return text.equals(word) ? "the boolean " + word
                    : "the boolean " + word + " (Inspect's YAML reader takes `" + text + "` for " + word + ")";
        }
    }

    record Int(BigInteger value, String text) implements PyValue {
        public String describe() {
            return text.equals(value.toString()) ? "the number " + text
                    : "the number " + value + " (Inspect's YAML reader takes `" + text + "` for " + value + ")";
        }
    }

    record Real(double value, String text) implements PyValue {
        public String describe() {
            return "the number " + text;
        }
    }

    record Str(String value) implements PyValue {
        public String describe() {
            return "the string \"" + value + "\"";
        }
    }

    /** A plain scalar PyYAML reads as a date or date-time. */
    record Timestamp(String text) implements PyValue {
        public String describe() {
            return "the date " + text + " (Inspect's YAML reader reads it as a date, not a string)";
        }
    }

    record Mapping() implements PyValue {
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence() implements PyValue {
        public String describe() {
            return "a list";
        }
    }

    /** A scalar PyYAML's safe loader refuses (an unknown tag, an impossible number): the whole file fails. */
    record Unloadable(String text, String why) implements PyValue {
        public String describe() {
            return "`" + text + "`, which Inspect's YAML reader cannot load (" + why + ")";
        }
    }
}
