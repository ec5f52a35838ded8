package dev.evalbot.rules.logs;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An Inspect {@code .eval} log (a zip) opened for reading single members: its directory is read
 * once, each member with one read of its local header and data. Members are stored, deflated or
 * zstd-compressed (method 93, what Inspect writes since 2026; decoded by aircompressor, pure Java).
 */
public final class EvalArchive {
    private static final int LOCAL = 0x04034b50;
    /** Read past the central directory's idea of the local header, so one read usually covers both. */
    private static final int SLACK = 64;

    private final ByteSource source;
    private final LogLimits limits;
    private final String what;
    private final ZipDirectory directory;

    private EvalArchive(ByteSource source, LogLimits limits, String what, ZipDirectory directory) {
        this.source = source;
        this.limits = limits;
        this.what = what;
        this.directory = directory;
    }

    public static EvalArchive open(ByteSource source, LogLimits limits, String what) throws IOException {
        return new EvalArchive(source, limits, what, ZipDirectory.read(source, limits, what));
    }

    public ZipDirectory directory() {
        return directory;
    }

    /** The member's uncompressed bytes, or empty when the archive has no such member. */
    public Optional<byte[]> member(String name) throws IOException {
        ZipMember m = directory.members().get(name);
        if (m == null) {
            return Optional.empty();
        }
        if (m.size() > limits.maxMemberBytes()) {
            throw new LogFormatException(what + ": " + name + " is " + m.size() + " bytes uncompressed, over the limit of "
                    + limits.maxMemberBytes());
        }
        if (m.compressedSize() > limits.maxMemberBytes()) {
            throw new LogFormatException(what + ": " + name + " is " + m.compressedSize() + " bytes compressed, over the "
                    + "limit of " + limits.maxMemberBytes());
        }
        int guess = (int) Math.min(30L + name.length() * 4L + SLACK + m.compressedSize(), source.size() - m.localHeaderOffset());
        byte[] head = source.read(m.localHeaderOffset(), guess);
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (head.length < 30 || b.getInt(0) != LOCAL) {
            throw new LogFormatException(what + ": broken zip: no local header for " + name);
        }
        long dataStart = 30L + Short.toUnsignedInt(b.getShort(26)) + Short.toUnsignedInt(b.getShort(28));
        byte[] data;
        if (dataStart + m.compressedSize() <= head.length) {
            data = java.util.Arrays.copyOfRange(head, (int) dataStart, (int) (dataStart + m.compressedSize()));
        } else {
            data = source.read(m.localHeaderOffset() + dataStart, (int) m.compressedSize());
        }
        if (data.length != m.compressedSize()) {
            throw new LogFormatException(what + ": " + name + " is cut short (truncated archive?)");
        }
        return Optional.of(decompress(m, data));
    }

    private byte[] decompress(ZipMember m, byte[] data) {
        switch (m.method()) {
            case ZipMember.STORED:
                return data;
            case ZipMember.DEFLATE:
                return inflate(m, data);
            case ZipMember.ZSTD:
                return capped(m, new ZstdInputStream(new ByteArrayInputStream(data)));
            default:
                throw new LogFormatException(what + ": " + m.name() + " is compressed with zip method " + m.method()
                        + "; evalbot reads stored (0), deflate (8) and zstd (93)");
        }
    }

    private byte[] inflate(ZipMember m, byte[] data) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(m.size(), 1 << 20));
            byte[] buf = new byte[16384];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new LogFormatException(what + ": " + m.name() + " is cut short (deflate stream ends early)");
                }
                out.write(buf, 0, n);
                if (out.size() > limits.maxMemberBytes()) {
                    throw overLimit(m);
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new LogFormatException(what + ": " + m.name() + " is not valid deflate data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private byte[] capped(ZipMember m, InputStream in) {
        try (in) {
            byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxMemberBytes() + 1));
            if (out.length > limits.maxMemberBytes()) {
                throw overLimit(m);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e instanceof LogFormatException) {
                throw e;
            }
            throw new LogFormatException(what + ": " + m.name() + " is not valid zstd data: " + e.getMessage());
        }
    }

    private LogFormatException overLimit(ZipMember m) {
        return new LogFormatException(what + ": " + m.name() + " expands past the limit of " + limits.maxMemberBytes()
                + " bytes");
    }
}
