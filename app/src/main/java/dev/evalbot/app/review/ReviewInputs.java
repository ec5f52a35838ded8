package dev.evalbot.app.review;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a finished review's verdict depended on besides the head's files: a digest of the base, the
 * maintainers' history and approval, the rules and the benchmark definitions it looked up, and
 * which definitions those were (so that a later run can look them up again and compare, without
 * reading the files). A repeat delivery of the same head whose inputs digest the same way stops
 * after learning the current head.
 *
 * @param digest SHA-256 of everything the verdict depends on besides the head's files
 * @param definitions the {@code dataset.id} and {@code dataset.revision} pairs the review looked up
 */
public record ReviewInputs(String digest, List<Definition> definitions) {
    /** At most this many distinct definitions are remembered; a review of more is always done again. */
    static final int MAX_DEFINITIONS = 100;

    /**
     * Which build of evalbot this is (its jar's size and time), part of every digest: a new build may
     * render or check differently, so its first delivery of a head reviews in full. Replicas of one
     * image agree; outside a jar (tests) it is a constant.
     */
    static final String BUILD = build();

    /** One benchmark definition the review looked up; {@code revision} may be null. */
    public record Definition(String datasetId, String revision) {}

    public ReviewInputs {
        definitions = List.copyOf(definitions);
    }

    /** One line per part, each part URL-encoded: ids come from pull requests and may hold anything. */
    public String encode() {
        StringBuilder out = new StringBuilder("v1 ").append(digest);
        for (Definition d : definitions) {
            out.append('\n').append(part(d.datasetId())).append(' ').append(part(d.revision()));
        }
        return out.toString();
    }

    /** The inputs {@link #encode} wrote, or empty for null or anything else (then: review again). */
    public static Optional<ReviewInputs> decode(String text) {
        if (text == null || !text.startsWith("v1 ")) {
            return Optional.empty();
        }
        String[] lines = text.split("\n", -1);
        String digest = lines[0].substring(3);
        List<Definition> definitions = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(" ", -1);
            if (parts.length != 2) {
                return Optional.empty();
            }
            definitions.add(new Definition(unpart(parts[0]), unpart(parts[1])));
        }
        return Optional.of(new ReviewInputs(digest, definitions));
    }

    private static String build() {
        try {
            Path jar = Path.of(ReviewInputs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) ? Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis()
                    : "classes";
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String part(String s) {
        return s == null ? "-" : "=" + URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unpart(String s) {
        return s.startsWith("=") ? URLDecoder.decode(s.substring(1), StandardCharsets.UTF_8) : null;
    }
}
