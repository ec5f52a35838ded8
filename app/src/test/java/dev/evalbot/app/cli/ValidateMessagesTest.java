package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code evalbot validate} tells a newcomer about files that are wrong in the usual ways. */
class ValidateMessagesTest {
    @TempDir
    Path tmp;

    private static CliRunner validate(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "validate";
        all[1] = "--config";
        all[2] = "../config";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRunner.run(all);
    }

    @Test
    void jsonShowsTheTaskIdTheEntryWroteWhenItIsNotATaskOfTheBenchmark() throws Exception {
        Path file = Files.writeString(tmp.resolve("hle.yaml"), "- dataset: {id: cais/hle, task_id: hle_v2}\n  value: 20.9\n"
                + "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  notes: other\n");
        CliRunner r = validate("--format", "json", file.toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode entries = new ObjectMapper().readTree(r.out()).get("files").get(0).get("entries");
        assertEquals("hle_v2", entries.get(0).get("taskId").asText());
        assertEquals("invalid", entries.get(0).get("verdict").asText());
        assertEquals("hle", entries.get(1).get("taskId").asText());
    }

    @Test
    void aFileOverTheLimitIsReportedWithItsOwnSize() throws Exception {
        Path huge = tmp.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        CliRunner r = validate(huge.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains(huge + ":1:1: error[file-too-large]: the file is 52,428,800 bytes (50 MiB); the limit "
                + "is 1,048,576 bytes (1 MiB)"), r.out());
    }

    @Test
    void aFileOfNulBytesGetsALineAndAHintThatFits() throws Exception {
        Path nul = Files.write(tmp.resolve("nul.yaml"), new byte[4096]);
        CliRunner r = validate(nul.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains(nul + ":1:1: error[yaml-syntax]: the file holds the control character U+0000 (NUL) at "
                + "line 1, column 1, which YAML does not allow\n  = hint: a results file is UTF-8 text: this one looks "
                + "binary, or saved as UTF-16; save it as UTF-8 text"), r.out());
    }

    @Test
    void aTopLevelRevisionPointsToDatasetRevision() throws Exception {
        Path file = Files.writeString(tmp.resolve("hle.yaml"),
                "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  revision: 5503434\n");
        CliRunner r = validate(file.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains(file + ":3:3: warning[unknown-key]: unknown key 'revision' (ignored)\n  = hint: did you "
                + "mean `dataset.revision`? it belongs under `dataset:`"), r.out());
    }
}
