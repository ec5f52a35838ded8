package dev.evalbot.app.cli;

import dev.evalbot.rules.check.ChangedFile;
import dev.evalbot.rules.check.FileKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the files {@code validate} reviews: a named file is reviewed whatever its place; a
 * directory is searched for {@code .eval_results/**}{@code /*.yaml|yml} and {@code eval.yaml}.
 * Reads at most one byte past the size limit, so a 50 MB file costs 1 MiB, not 50.
 */
final class LocalFiles {
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".venv");

    private final int maxBytes;

    LocalFiles(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    List<ChangedFile> collect(List<Path> paths) throws IOException {
        List<ChangedFile> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IOException("no such file or directory: " + p);
            }
            if (Files.isDirectory(p)) {
                walk(p, files);
            } else {
                FileKind kind = FileKind.ofLocalPath(p.toString());
                files.add(new ChangedFile(p.toString(), kind == FileKind.OTHER ? FileKind.RESULTS : kind, read(p)));
            }
        }
        return files;
    }

    private void walk(Path root, List<ChangedFile> out) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = root.relativize(file).toString().replace('\\', '/');
                FileKind kind = file.getFileName().toString().equals("eval.yaml") ? FileKind.BENCHMARK
                        : FileKind.ofRepoPath(rel);
                if (kind != FileKind.OTHER) {
                    out.add(new ChangedFile(file.toString(), kind, read(file)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        });
    }

    private byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The benchmark id of a local eval.yaml: its two parent directories, as in config/benchmarks. */
    static String benchmarkIdOf(String path) {
        Path p = Path.of(path).toAbsolutePath().normalize().getParent();
        if (p == null || p.getParent() == null || p.getParent().getFileName() == null) {
            return "local/benchmark";
        }
        return p.getParent().getFileName() + "/" + p.getFileName();
    }
}
