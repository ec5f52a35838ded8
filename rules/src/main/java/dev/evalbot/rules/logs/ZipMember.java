package dev.evalbot.rules.logs;

/**
 * One member of a zip's central directory.
 *
 * @param method 0 stored, 8 deflate, 93 zstd (Inspect's default since 2026)
 */
public record ZipMember(String name, int method, long compressedSize, long size, long localHeaderOffset) {
    static final int STORED = 0;
    static final int DEFLATE = 8;
    static final int ZSTD = 93;
}
