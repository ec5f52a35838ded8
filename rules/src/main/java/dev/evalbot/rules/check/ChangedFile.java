package dev.evalbot.rules.check;

/**
 * One file of a change to review.
 *
 * @param bytes the file's bytes, or its first {@code limit + 1} bytes when it is larger than the
 *     size limit (one more tells that it is too large)
 * @param previous the file's bytes before the change, or null when it is new (used to show what
 *     an eval.yaml change does to existing results)
 * @param size the whole file's size in bytes, or {@link #UNKNOWN_SIZE} when the source did not say
 *     (a {@code file-too-large} finding then tells the size only when {@code bytes} is the whole file)
 */
public record ChangedFile(String path, FileKind kind, byte[] bytes, byte[] previous, long size) {
    public static final long UNKNOWN_SIZE = -1;

    public ChangedFile(String path, FileKind kind, byte[] bytes, byte[] previous) {
        this(path, kind, bytes, previous, UNKNOWN_SIZE);
    }

    public ChangedFile(String path, FileKind kind, byte[] bytes) {
        this(path, kind, bytes, null);
    }

    /** The same file, its whole size known (a local file's, a git blob's). */
    public ChangedFile withSize(long wholeSize) {
        return new ChangedFile(path, kind, bytes, previous, wholeSize);
    }
}
