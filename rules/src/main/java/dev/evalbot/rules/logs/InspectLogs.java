package dev.evalbot.rules.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads an Inspect AI log of either format. An {@code .eval} log (a zip) is read through random
 * access: its directory, then {@code header.json}; a run that never finished has no header, and
 * is read from {@code _journal/start.json} (status {@code started}) with its samples counted from
 * the summaries. A JSON log is streamed.
 */
public final class InspectLogs {
    private static final String HEADER = "header.json";
    private static final String START = "_journal/start.json";
    private static final String SUMMARIES = "summaries.json";
    private static final String JOURNAL_SUMMARIES = "_journal/summaries/";

    private final LogLimits limits;
    private final InspectJson json = new InspectJson();

    public InspectLogs(LogLimits limits) {
        this.limits = limits;
    }

    /** True when the bytes start a zip ({@code PK\3\4}): an {@code .eval} log. */
    public static boolean isZip(byte[] first) {
        return first.length >= 4 && first[0] == 'P' && first[1] == 'K' && first[2] == 3 && first[3] == 4;
    }

    /** An {@code .eval} log. */
    public RunLog readEval(ByteSource source, String what) throws IOException {
        EvalArchive zip = EvalArchive.open(source, limits, what);
        Optional<byte[]> header = zip.member(HEADER);
        if (header.isPresent()) {
            return json.of(json.tree(header.get(), what + " header.json"), what, null);
        }
        byte[] start = zip.member(START).orElseThrow(() -> new LogFormatException(what + ": an .eval archive with "
                + "neither header.json nor _journal/start.json: not an Inspect AI log"));
        JsonNode root = json.tree(start, what + " " + START);
        if (root.isObject() && !root.has("status")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root).put("status", "started");
        }
        return json.of(root, what, journaledSamples(zip, what));
    }

    /** A JSON log of Inspect (one run) or lighteval (one run per task); see {@link InspectJson#runs}. */
    public java.util.List<RunLog> readJsonRuns(InputStream in, String what, boolean stopAfterResults)
            throws IOException {
        return json.runs(in, what, stopAfterResults);
    }

    /** A JSON log, streamed; see {@link InspectJson#read}. */
    public RunLog readJson(InputStream in, String what, boolean stopAfterResults) throws IOException {
        return json.read(in, what, stopAfterResults);
    }

    /** Samples journaled so far: {@code summaries.json} when written, else the count over the journal's parts. */
    private Integer journaledSamples(EvalArchive zip, String what) throws IOException {
        Optional<byte[]> all = zip.member(SUMMARIES);
        if (all.isPresent()) {
            return json.tree(all.get(), what + " " + SUMMARIES).size();
        }
        int count = 0;
        for (String name : zip.directory().members().keySet()) {
            if (name.startsWith(JOURNAL_SUMMARIES)) {
                count += json.tree(zip.member(name).orElseThrow(), what + " " + name).size();
            }
        }
        return count;
    }
}
