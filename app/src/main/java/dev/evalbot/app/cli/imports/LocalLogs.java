package dev.evalbot.app.cli.imports;

import dev.evalbot.rules.logs.RunLog;
import dev.evalbot.rules.logs.InspectLogs;
import dev.evalbot.rules.logs.LogFormatException;
import dev.evalbot.rules.logs.LogLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Inspect logs named on the command line: a log file ({@code .eval} or JSON, told apart by
 * their first bytes), or a directory of logs (an eval set: every {@code .eval} and {@code .json}
 * log in it, by name, except the eval set's own bookkeeping files).
 */
final class LocalLogs {
    /** Files Inspect writes beside the logs of an eval set, which are not logs. */
    private static final Set<String> NOT_LOGS = Set.of("eval-set.json", "logs.json", "listing.json");

    /** One log read, and the file it came from. */
    record Read(Path file, RunLog log) {}

    private final InspectLogs reader;

    LocalLogs(LogLimits limits) {
        this.reader = new InspectLogs(limits);
    }

    List<Read> read(List<Path> paths) {
        List<Read> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> logs = inDirectory(p);
                if (logs.isEmpty()) {
                    throw new ImportException(p + ": no Inspect logs (*.eval, *.json) in this directory");
                }
                for (Path log : logs) {
                    for (RunLog run : runs(log)) {
                        out.add(new Read(log, run));
                    }
                }
            } else {
                for (RunLog log : runs(p)) {
                    out.add(new Read(p, log));
                }
            }
        }
        return out;
    }

    private static List<Path> inDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String name = f.getFileName().toString();
                return (name.endsWith(".eval") || name.endsWith(".json")) && !NOT_LOGS.contains(name);
            }).sorted().toList();
        } catch (IOException e) {
            throw new ImportException(dir + ": cannot list: " + e.getMessage());
        }
    }

    /** The runs of a log file: one for an Inspect log, one per task for a lighteval results file. */
    List<RunLog> runs(Path file) {
        String what = file.toString();
        try {
            byte[] first;
            try (InputStream in = Files.newInputStream(file)) {
                first = in.readNBytes(4);
            }
            if (InspectLogs.isZip(first)) {
                try (FileByteSource source = new FileByteSource(new RandomAccessFile(file.toFile(), "r"))) {
                    return List.of(reader.readEval(source, what));
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                return reader.readJsonRuns(in, what, false);
            }
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file");
        } catch (LogFormatException e) {
            throw new ImportException(e.getMessage());
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new ImportException(file + ": cannot read: " + e.getCause().getMessage());
        }
    }
}
