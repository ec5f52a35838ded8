package dev.evalbot.app.cli.imports;

/** Something an import cannot infer or read: the message says what, and which flag supplies it. */
public final class ImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImportException(String message) {
        super(message);
    }
}
