package dev.evalbot.rules.logs;

import java.io.IOException;
import java.util.Arrays;

/**
 * Random access to a log's bytes: a file, a byte array, or HTTP Range requests. A zip log is read
 * from its end (the central directory) and then only at the members that are needed, so a source
 * that can fetch a range never has to fetch the whole log.
 */
public interface ByteSource {
    /** The log's length in bytes. */
    long size() throws IOException;

    /** {@code length} bytes from {@code offset}; fewer only at the end of the log. */
    byte[] read(long offset, int length) throws IOException;

    /** A log already in memory. */
    static ByteSource of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new ByteSource() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public byte[] read(long offset, int length) {
                int from = (int) Math.min(Math.max(0, offset), copy.length);
                return Arrays.copyOfRange(copy, from, (int) Math.min(copy.length, (long) from + Math.max(0, length)));
            }
        };
    }
}
