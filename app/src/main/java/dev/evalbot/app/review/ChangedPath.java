package dev.evalbot.app.review;

/** A file a pull request adds, modifies or removes. */
public record ChangedPath(String path, Status status, String previousPath) {
    public enum Status { ADDED, MODIFIED, REMOVED, RENAMED }

    public boolean removed() {
        return status == Status.REMOVED;
    }
}
