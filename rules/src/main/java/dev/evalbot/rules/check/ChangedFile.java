package dev.evalbot.rules.check;

/**
 * One file of a change to review.
 *
 * @param previous the file's bytes before the change, or null when it is new (used to show what
 *     an eval.yaml change does to existing results)
 */
public record ChangedFile(String path, FileKind kind, byte[] bytes, byte[] previous) {
    public ChangedFile(String path, FileKind kind, byte[] bytes) {
        this(path, kind, bytes, null);
    }
}
