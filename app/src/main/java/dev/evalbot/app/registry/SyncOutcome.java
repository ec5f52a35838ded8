package dev.evalbot.app.registry;

import java.util.List;

/** What {@link BenchmarkSync} did for one benchmark. */
public sealed interface SyncOutcome {
    String datasetId();

    /** 0 nothing wrong, 1 a problem with the definition, 2 I/O (the Hub or the disk). */
    int exitCode();

    /** One line for the report. */
    String describe();

    record Added(String datasetId, List<String> tasks) implements SyncOutcome {
        public int exitCode() {
            return 0;
        }

        public String describe() {
            return "added     " + datasetId + " (tasks: " + String.join(", ", tasks) + ")";
        }
    }

    record Updated(String datasetId, List<String> tasksAdded, List<String> tasksRemoved) implements SyncOutcome {
        public int exitCode() {
            return 0;
        }

        public String describe() {
            String tasks = (tasksAdded.isEmpty() ? "" : " +" + String.join(" +", tasksAdded))
                    + (tasksRemoved.isEmpty() ? "" : " -" + String.join(" -", tasksRemoved));
            return "updated   " + datasetId + (tasks.isEmpty() ? "" : " (tasks:" + tasks + ")");
        }
    }

    record Unchanged(String datasetId) implements SyncOutcome {
        public int exitCode() {
            return 0;
        }

        public String describe() {
            return "unchanged " + datasetId;
        }
    }

    /** Not written: no eval.yaml on the Hub, or one that does not validate. The old copy is kept. */
    record Rejected(String datasetId, String problem) implements SyncOutcome {
        public int exitCode() {
            return 1;
        }

        public String describe() {
            return "rejected  " + datasetId + ": " + problem + " (kept the existing copy)";
        }
    }

    /** Not written: the Hub could not be read, or the file could not be written. */
    record Failed(String datasetId, String reason) implements SyncOutcome {
        public int exitCode() {
            return 2;
        }

        public String describe() {
            return "failed    " + datasetId + ": " + reason;
        }
    }
}
