package dev.evalbot.rules.logs;

/**
 * How much of a log a reader may take in: the uncompressed size of one zip member it reads
 * ({@code header.json}, {@code _journal/start.json}, the summaries) and the size of the central
 * directory. A log past either is refused, never read into memory.
 *
 * @param maxMemberBytes the largest uncompressed member read
 * @param maxDirectoryBytes the largest zip central directory read
 */
public record LogLimits(long maxMemberBytes, long maxDirectoryBytes) {
    /** 64 MiB for a header (a header is kilobytes; its plan can be large), 16 MiB of directory (~200k members). */
    public static final LogLimits DEFAULT = new LogLimits(64L << 20, 16L << 20);

    public LogLimits {
        if (maxMemberBytes <= 0 || maxDirectoryBytes <= 0) {
            throw new IllegalArgumentException("log limits must be positive");
        }
    }
}
