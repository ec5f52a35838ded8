package dev.evalbot.rules.yaml;

/**
 * Why a document could not be loaded: a stable finding code, what went wrong, and where.
 */
public record YamlRefusal(String code, String message, Position position) {}
