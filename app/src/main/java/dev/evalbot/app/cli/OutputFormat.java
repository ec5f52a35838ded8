package dev.evalbot.app.cli;

/** How {@code validate} and {@code review} print their report. */
public enum OutputFormat {
    text,
    json,
    sarif,
    markdown,
    /** GitHub Actions workflow commands: findings annotate the workflow run. */
    github
}
