package dev.evalbot.app.board;

/**
 * Where a benchmark dataset's files are at one revision, for links from the leaderboards.
 * Benchmarks are dataset repositories on the Hub (their {@code eval.yaml} is read from there).
 */
final class DatasetLinks {
    private DatasetLinks() {}

    /**
     * {@code https://huggingface.co/datasets/{id}/tree/{revision}}, each part percent-encoded (a
     * branch name with a slash stays one segment, as the Hub writes it); null when either is unknown.
     */
    static String tree(String datasetId, String revision) {
        if (datasetId == null || !datasetId.matches("[^/]+/[^/]+") || revision == null || revision.isBlank()) {
            return null;
        }
        String[] parts = datasetId.split("/");
        return "https://huggingface.co/datasets/" + ModelLinks.segment(parts[0]) + "/" + ModelLinks.segment(parts[1])
                + "/tree/" + ModelLinks.segment(revision.trim());
    }
}
