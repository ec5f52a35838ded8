package dev.evalbot.rules.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A zip's central directory, read from the end of the archive: one read of the tail (the end
 * record, its zip64 locator and, usually, the directory itself), and one more only when the
 * directory is larger than the tail. Later members of the same name win, as in Inspect's reader
 * (a rewritten {@code header.json} is appended).
 */
public final class ZipDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    /** The end record (22 bytes) plus the longest comment (65535), plus room for a zip64 record and locator. */
    private static final int TAIL = 22 + 65535 + 76;
    /** The first read from the end: the end record, and usually the whole directory of a log. */
    private static final int FIRST_TAIL = 8 * 1024;

    private final Map<String, ZipMember> members;

    private ZipDirectory(Map<String, ZipMember> members) {
        this.members = members;
    }

    public Map<String, ZipMember> members() {
        return members;
    }

    public static ZipDirectory read(ByteSource source, LogLimits limits, String what) throws IOException {
        long size = source.size();
        if (size < 22) {
            throw new LogFormatException(what + ": not a zip archive (" + size + " bytes, no end record)");
        }
        // Inspect writes no archive comment: the end record is in the last bytes. Only a comment needs the longest tail.
        int tailLength = (int) Math.min(size, FIRST_TAIL);
        long tailStart = size - tailLength;
        ByteBuffer tail = le(source.read(tailStart, tailLength));
        int eocd = endRecord(tail);
        if (eocd < 0 && size > tailLength) {
            tailLength = (int) Math.min(size, TAIL);
            tailStart = size - tailLength;
            tail = le(source.read(tailStart, tailLength));
            eocd = endRecord(tail);
        }
        if (eocd < 0) {
            throw new LogFormatException(what + ": not a zip archive (no end of central directory record)");
        }
        long entries = Short.toUnsignedInt(tail.getShort(eocd + 10));
        long dirSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long dirOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        int locator = eocd - 20;
        if (locator >= 0 && tail.getInt(locator) == ZIP64_LOCATOR) {
            long zip64At = tail.getLong(locator + 8);
            ByteBuffer z = zip64At >= tailStart ? slice(tail, (int) (zip64At - tailStart), 56) : le(source.read(zip64At, 56));
            if (z.limit() < 56 || z.getInt(0) != ZIP64_EOCD) {
                throw new LogFormatException(what + ": broken zip64 end record");
            }
            entries = z.getLong(32);
            dirSize = z.getLong(40);
            dirOffset = z.getLong(48);
        }
        if (dirSize > limits.maxDirectoryBytes()) {
            throw new LogFormatException(what + ": its zip directory is " + dirSize + " bytes, over the limit of "
                    + limits.maxDirectoryBytes());
        }
        if (dirOffset < 0 || dirOffset + dirSize > size) {
            throw new LogFormatException(what + ": the zip directory lies outside the archive (truncated download?)");
        }
        ByteBuffer dir = dirOffset >= tailStart ? slice(tail, (int) (dirOffset - tailStart), (int) dirSize)
                : le(source.read(dirOffset, (int) dirSize));
        return new ZipDirectory(parse(dir, entries, what));
    }

    private static int endRecord(ByteBuffer tail) {
        for (int i = tail.limit() - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, ZipMember> parse(ByteBuffer dir, long entries, String what) {
        Map<String, ZipMember> out = new LinkedHashMap<>();
        int at = 0;
        for (long n = 0; n < entries; n++) {
            if (at + 46 > dir.limit() || dir.getInt(at) != CENTRAL) {
                throw new LogFormatException(what + ": broken zip directory at entry " + (n + 1));
            }
            int method = Short.toUnsignedInt(dir.getShort(at + 10));
            long compressed = Integer.toUnsignedLong(dir.getInt(at + 20));
            long size = Integer.toUnsignedLong(dir.getInt(at + 24));
            int nameLength = Short.toUnsignedInt(dir.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(dir.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(dir.getShort(at + 32));
            long offset = Integer.toUnsignedLong(dir.getInt(at + 42));
            if (at + 46 + nameLength + extraLength > dir.limit()) {
                throw new LogFormatException(what + ": broken zip directory at entry " + (n + 1));
            }
            byte[] name = new byte[nameLength];
            dir.get(at + 46, name);
            // zip64: the extra field holds, in order, whichever of the three values are 0xFFFFFFFF
            int extra = at + 46 + nameLength;
            for (int e = extra; e + 4 <= extra + extraLength;) {
                int id = Short.toUnsignedInt(dir.getShort(e));
                int len = Short.toUnsignedInt(dir.getShort(e + 2));
                if (id == 1) {
                    int f = e + 4;
                    if (size == 0xFFFFFFFFL && f + 8 <= e + 4 + len) {
                        size = dir.getLong(f);
                        f += 8;
                    }
                    if (compressed == 0xFFFFFFFFL && f + 8 <= e + 4 + len) {
                        compressed = dir.getLong(f);
                        f += 8;
                    }
                    if (offset == 0xFFFFFFFFL && f + 8 <= e + 4 + len) {
                        offset = dir.getLong(f);
                    }
                }
                e += 4 + len;
            }
            String memberName = new String(name, StandardCharsets.UTF_8);
            out.remove(memberName);
            out.put(memberName, new ZipMember(memberName, method, compressed, size, offset));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return out;
    }

    private static ByteBuffer slice(ByteBuffer b, int from, int length) {
        if (from < 0 || from + length > b.limit()) {
            throw new LogFormatException("broken zip: a record runs past the end of the archive");
        }
        return b.slice(from, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
