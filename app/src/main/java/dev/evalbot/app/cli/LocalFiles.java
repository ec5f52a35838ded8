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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the files {@code validate} reviews: a named file is reviewed whatever its place; a
 * directory is searched for {@code .eval_results/**}{@code /*.yaml|yml} and {@code eval.yaml}, and
 * a directory that is (or is inside) {@code .eval_results} for every YAML file under it. A
 * directory with nothing to review is an error, so that a gate never passes on nothing. A file
 * reached twice (a directory and a file in it) is reviewed once. Reads at most one byte past the
 * size limit, so a 50 MB file costs 1 MiB, not 50.
 */
final class LocalFiles {
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".venv");

    private final int maxBytes;

    LocalFiles(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    List<ChangedFile> collect(List<Path> paths) throws IOException {
        List<ChangedFile> files = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IOException("no such file or directory: " + p);
            }
            if (Files.isDirectory(p)) {
                int before = files.size();
                walk(p, files, seen);
                if (files.size() == before && !coveredAlready(p, seen)) {
                    throw new IOException("nothing to validate under " + p + " (looked for "
                            + ".eval_results/**/*.yaml|yml and eval.yaml)");
                }
            } else if (seen.add(canonical(p))) {
                FileKind kind = FileKind.ofLocalPath(p.toString());
                files.add(sized(new ChangedFile(shown(p), kind == FileKind.OTHER ? FileKind.RESULTS : kind, read(p)), p));
            }
        }
        return files;
    }

    /** A directory whose files were all reached through an earlier path ({@code validate . .eval_results}). */
    private static boolean coveredAlready(Path dir, Set<Path> seen) {
        Path d = canonical(dir);
        return seen.stream().anyMatch(f -> f.startsWith(d));
    }

    /** The name printed for a file: as reached, without {@code ./} (validating "." prints {@code .eval_results/x.yaml:2:10}). */
    private static String shown(Path p) {
        String s = p.normalize().toString();
        return s.isEmpty() ? p.toString() : s;
    }

    private static Path canonical(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Whether {@code dir} is {@code .eval_results} or lies inside one: then every YAML file in it is a results file. */
    private static boolean insideResults(Path dir) {
        for (Path name : canonical(dir)) {
            if (name.toString().equals(".eval_results")) {
                return true;
            }
        }
        return false;
    }

    private void walk(Path root, List<ChangedFile> out, Set<Path> seen) throws IOException {
        String prefix = insideResults(root) ? ".eval_results/" : "";
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
                String rel = prefix + root.relativize(file).toString().replace('\\', '/');
                FileKind kind = file.getFileName().toString().equals("eval.yaml") ? FileKind.BENCHMARK
                        : FileKind.ofRepoPath(rel);
                if (kind != FileKind.OTHER && seen.add(canonical(file))) {
                    out.add(sized(new ChangedFile(shown(file), kind, read(file)), file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** A file cut at the limit says how large it is, so that {@code file-too-large} can tell. */
    private ChangedFile sized(ChangedFile f, Path file) {
        if (f.bytes().length <= maxBytes) {
            return f;
        }
        try {
            return f.withSize(Files.size(file));
        } catch (IOException e) {
            return f;
        }
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
