package dev.evalbot.app.registry;

import java.net.URI;

/** The outcome of reading one file from the Hub, after retries. */
public sealed interface HubFetch {
    /** The file's bytes, no larger than the configured limit. */
    record Fetched(URI uri, byte[] bytes) implements HubFetch {}

    /** The repository, revision or file does not exist (or is hidden from us, which the Hub reports alike). */
    record NotFound(URI uri, String detail) implements HubFetch {}

    /** The file is larger than the limit; it was not read to the end. */
    record TooLarge(URI uri, int limit) implements HubFetch {}

    /** The Hub could not be reached or refused to answer; {@code reason} is one line for a person. */
    record Failed(URI uri, String reason) implements HubFetch {}
}
