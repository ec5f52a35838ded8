package dev.evalbot.rules.yaml;

/**
 * Why a document could not be loaded: a stable finding code, what went wrong, and where.
 *
 * @param hint what to do about it, when the refusal knows better than its code does; else null
 */
public record YamlRefusal(String code, String message, Position position, String hint) {
    public YamlRefusal(String code, String message, Position position) {
        this(code, message, position, null);
    }
}
