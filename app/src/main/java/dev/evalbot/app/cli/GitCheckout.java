package dev.evalbot.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The few git operations {@code evalbot review} needs, run through the git executable. */
final class GitCheckout {
    private static final long TIMEOUT_SECONDS = 60;
    private final Path dir;

    GitCheckout(Path dir) {
        this.dir = dir;
    }

    /** Paths added or modified between two revisions (deleted files need no review). */
    List<String> changedPaths(String base, String head) throws IOException {
        String out = new String(run(1 << 24, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d",
                base, head, "--"), StandardCharsets.UTF_8);
        List<String> paths = new ArrayList<>();
        for (String p : out.split("\0")) {
            if (!p.isEmpty()) {
                paths.add(p);
            }
        }
        return paths;
    }

    /** The commit a revision names, or empty when the checkout has no such branch, tag or commit. */
    java.util.Optional<String> resolve(String rev) throws IOException {
        Exec r = exec(256, "rev-parse", "--verify", "--quiet", rev + "^{commit}");
        if (r.exit() == 0) {
            return java.util.Optional.of(new String(r.out(), StandardCharsets.UTF_8).trim());
        }
        if (r.err().isEmpty()) {
            return java.util.Optional.empty(); // --quiet: a revision that does not exist is only an exit status
        }
        throw r.failure(dir);
    }

    /** The size in bytes of the file at a revision. */
    long size(String rev, String path) throws IOException {
        return Long.parseLong(new String(run(64, "cat-file", "-s", rev + ":" + path), StandardCharsets.UTF_8).trim());
    }

    /** The file at a revision, at most {@code limit} bytes (one more tells the caller it is too large). */
    byte[] show(String rev, String path, int limit) throws IOException {
        return run(limit, "cat-file", "blob", rev + ":" + path);
    }

    /** Whether the file exists at a revision. */
    boolean exists(String rev, String path) {
        try {
            run(64, "cat-file", "-e", rev + ":" + path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private byte[] run(int limit, String... args) throws IOException {
        Exec r = exec(limit, args);
        if (r.exit() != 0) {
            throw r.failure(dir);
        }
        return r.out();
    }

    /** What one git command did. */
    private record Exec(String command, int exit, byte[] out, String err) {
        IOException failure(Path dir) {
            String first = err.isEmpty() ? "exit status " + exit : err.lines().findFirst().orElse(err);
            return new IOException("git " + command + " failed in " + dir + ": " + first);
        }
    }

    private Exec exec(int limit, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-C");
        command.add(dir.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readNBytes(limit);
            in.transferTo(OutputStreamDiscard.INSTANCE); // drain, so git never blocks on a full pipe
        }
        String err;
        try (InputStream e = process.getErrorStream()) {
            err = new String(e.readNBytes(4096), StandardCharsets.UTF_8).trim();
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("git " + args[0] + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git");
        }
        return new Exec(args[0], process.exitValue(), out, err);
    }

    private static final class OutputStreamDiscard extends java.io.OutputStream {
        static final OutputStreamDiscard INSTANCE = new OutputStreamDiscard();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }

}
