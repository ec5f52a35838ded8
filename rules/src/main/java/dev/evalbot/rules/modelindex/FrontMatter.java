package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.yaml.Position;

/**
 * The YAML front matter of a model card (README.md): the text between a first line {@code ---}
 * and the next line {@code ---} (or {@code ...}).
 */
public sealed interface FrontMatter {
    /**
     * @param yaml the front matter preceded by one empty line per line above it, so that the
     *     positions a YAML loader reports are the README's own lines and columns
     */
    record Found(String yaml) implements FrontMatter {}

    /** The card has no front matter, or it is never closed. */
    record Missing(String message, Position position) implements FrontMatter {}

    static FrontMatter of(String readme) {
        String text = readme.startsWith("\uFEFF") ? readme.substring(1) : readme;
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].stripTrailing().equals("---")) {
            return new Missing("the model card has no YAML front matter (a first line `---`, the metadata, "
                    + "then `---`)", Position.START);
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                StringBuilder yaml = new StringBuilder(text.length());
                yaml.append('\n');
                for (int j = 1; j < i; j++) {
                    yaml.append(lines[j]).append('\n');
                }
                return new Found(yaml.toString());
            }
        }
        return new Missing("the front matter opened by `---` on line 1 is never closed by a line `---`",
                Position.START);
    }
}
