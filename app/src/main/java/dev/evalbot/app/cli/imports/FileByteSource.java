package dev.evalbot.app.cli.imports;

import dev.evalbot.rules.logs.ByteSource;
import java.io.IOException;
import java.io.RandomAccessFile;

/** A local log file read at offsets: an {@code .eval} log is read at its directory and header only. */
final class FileByteSource implements ByteSource, AutoCloseable {
    private final RandomAccessFile file;

    FileByteSource(RandomAccessFile file) {
        this.file = file;
    }

    @Override
    public long size() throws IOException {
        return file.length();
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
        int n = (int) Math.max(0, Math.min(length, file.length() - offset));
        byte[] out = new byte[n];
        file.seek(offset);
        file.readFully(out);
        return out;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
