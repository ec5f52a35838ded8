package dev.evalbot.rules.logs;

import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Real Inspect logs re-packed for tests, keeping Inspect's layout (the same members in the same
 * order: {@code _journal/start.json}, samples, summaries, {@code reductions.json},
 * {@code header.json} last), as Inspect's {@code log/_recorders/eval.py} writes them: with zstd
 * (zip method 93, Inspect's default since 2026) or deflate, and members changed or dropped.
 */
public final class EvalZips {
    public static final Path INSPECT = Path.of("src/test/resources/logs/inspect");

    private EvalZips() {}

    /** Logs made from the real ones, committed beside them for the app's tests (see ORIGIN.md). */
    public static Map<String, byte[]> derived() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("popularity.zstd.eval", repack(real("popularity.eval"), 93, (name, bytes) -> bytes));
        out.put("mmlu_0_shot.zstd.eval", repack(real("mmlu_0_shot.eval"), 93, (name, bytes) -> bytes));
        out.put("hf_mmlu_anatomy.zstd.eval", repack(real("mmlu_0_shot.eval"), 93, (name, bytes) -> name.equals("header.json")
                ? new String(bytes, StandardCharsets.UTF_8).replace("\"inspect_evals/mmlu_0_shot\"", "\"hf/cais/mmlu/anatomy\"")
                        .getBytes(StandardCharsets.UTF_8) : bytes));
        out.put("popularity_running.zstd.eval", repack(real("popularity.eval"), 93,
                (name, bytes) -> name.equals("header.json") ? null : bytes));
        return out;
    }

    /** Writes {@link #derived()} into the resources: run once when they change. */
    public static void main(String[] args) throws IOException {
        for (Map.Entry<String, byte[]> e : derived().entrySet()) {
            Files.write(INSPECT.resolve(e.getKey()), e.getValue());
        }
    }

    public static byte[] real(String name) {
        try {
            return Files.readAllBytes(INSPECT.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The members of a zip, in order. */
    public static Map<String, byte[]> members(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                out.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The zip re-written with {@code method} (8 or 93); {@code change} maps each member to its new
     * bytes, or null to drop it.
     */
    public static byte[] repack(byte[] zip, int method, BiFunction<String, byte[], byte[]> change) {
        Map<String, byte[]> kept = new LinkedHashMap<>();
        members(zip).forEach((name, bytes) -> {
            byte[] b = change.apply(name, bytes);
            if (b != null) {
                kept.put(name, b);
            }
        });
        return write(kept, method);
    }

    public static byte[] write(Map<String, byte[]> members, int method) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream dir = new ByteArrayOutputStream();
        int count = 0;
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            byte[] name = m.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = m.getValue();
            byte[] packed = method == 93 ? zstd(data) : deflate(data);
            CRC32 crc = new CRC32();
            crc.update(data);
            int offset = out.size();
            ByteBuffer local = le(30);
            local.putInt(0x04034b50).putShort((short) 63).putShort((short) 0).putShort((short) method)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue()).putInt(packed.length)
                    .putInt(data.length).putShort((short) name.length).putShort((short) 0);
            out.writeBytes(local.array());
            out.writeBytes(name);
            out.writeBytes(packed);
            ByteBuffer central = le(46);
            central.putInt(0x02014b50).putShort((short) 63).putShort((short) 63).putShort((short) 0)
                    .putShort((short) method).putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue())
                    .putInt(packed.length).putInt(data.length).putShort((short) name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset);
            dir.writeBytes(central.array());
            dir.writeBytes(name);
            count++;
        }
        int dirOffset = out.size();
        out.writeBytes(dir.toByteArray());
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) count).putShort((short) count)
                .putInt(dir.size()).putInt(dirOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    public static byte[] zstd(byte[] data) {
        ZstdCompressor c = new ZstdCompressor();
        byte[] buf = new byte[c.maxCompressedLength(data.length)];
        int n = c.compress(data, 0, data.length, buf, 0, buf.length);
        return Arrays.copyOf(buf, n);
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
