package dev.evalbot.app.server.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The route's own scan refuses every body Jackson's {@code readTree} refuses, so a malformed body
 * is still answered 400, and it accepts the payloads GitHub sends.
 */
class JsonScannerTest {
    final ObjectMapper json = new ObjectMapper();

    static boolean scans(byte[] body) {
        JsonScanner s = new JsonScanner(body);
        try {
            s.skipValue();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean jacksonReads(ObjectMapper json, byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            return n != null && !n.isMissingNode();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void everyShippedPayloadScansToItsEnd() throws IOException {
        for (Path f : PayloadFieldsTest.payloads()) {
            byte[] body = Files.readAllBytes(f);
            JsonScanner s = new JsonScanner(body);
            s.skipValue();
            assertEquals(-1, s.peek(), f.toString());
        }
    }

    @Test
    void refusesWhatJacksonRefuses() {
        List<String> bad = List.of("{\"action\":", "{\"a\":[1,2}", "{\"x\":\"\u0001\"}", "{\"x\" 1}", "nope", "{\"a\":01}",
                "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":truex}",
                "{\"a\":NaN}", "{\"a\":[1,]}", "{\"a\":1,}", "{,}", "{'a':1}", "{a:1}", "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12g4\"}", "{\"a\":\"\\u12\"}", "{\"a\":1 /* c */}", "{\"a\"\u000b:1}", "[1 2]", "{\"a\":\"x",
                "{\"a\":[}", "{\"a\":{]}", "{\"a\":1]", "{\"a\":\u00001}", "{\"" + "n".repeat(50_001) + "\":1}",
                "{\"a\":" + "1".repeat(1001) + "}", "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
        for (String b : bad) {
            byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
            assertTrue(!scans(bytes), b.length() > 80 ? b.substring(0, 80) : b);
            assertTrue(!jacksonReads(json, bytes) || b.startsWith("{\"a\":[[[["), b.length() > 80 ? b.substring(0, 80) : b);
        }
        for (byte[] utf8 : List.of(new byte[] {'"', (byte) 0xC3, '"'}, new byte[] {'"', (byte) 0xFF, '"'},
                new byte[] {'"', (byte) 0x80, '"'}, new byte[] {'"', (byte) 0xE2, (byte) 0x82, '"'})) {
            assertTrue(!scans(utf8));
            assertTrue(!jacksonReads(json, utf8));
        }
    }

    @Test
    void acceptsWhatJsonAllows() {
        for (String good : List.of("{}", "[]", "{\"a\":[]}", "{\"a\":{}}", " { \"a\" : [ 1 , -0 , 0.5 , 1e5 , -2.5E-3 ,"
                + " true , false , null , \"\\u00e9\\n\\\"\" , \"é€𝄞\" ] } ", "{\"a\":1,\"a\":2}", "0", "\"x\"")) {
            byte[] bytes = good.getBytes(StandardCharsets.UTF_8);
            assertTrue(scans(bytes), good);
            assertTrue(jacksonReads(json, bytes), good);
        }
    }

    /**
     * Whatever a mutation of a real payload does, a body Jackson cannot read as an object is refused
     * (the route answers 400 for both an exception and a non-object), by the read of a used event's
     * fields and by the check of an ignored one.
     */
    @Property(tries = 3000)
    void aMutatedPayloadThatJacksonRefusesIsRefused(@ForAll("mutated") byte[] body) {
        boolean object;
        try {
            object = json.readTree(body).isObject();
        } catch (IOException e) {
            object = false;
        }
        if (!object) {
            String shown = new String(body, StandardCharsets.UTF_8);
            assertTrue(refused(() -> PayloadFields.read(json, body)), shown);
            assertTrue(refused(() -> PayloadFields.check(json, body)), shown);
        }
    }

    interface Read {
        JsonNode run() throws IOException;
    }

    private static boolean refused(Read read) {
        try {
            JsonNode n = read.run();
            return n == null || !n.isObject();
        } catch (IOException e) {
            return true;
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() throws IOException {
        byte[] base = Files.readAllBytes(Path.of("src/test/resources/github-webhooks/issue_comment.created.json"));
        byte[] small = "{\"a\":[1,-2.5e3,\"x\\u00e9\",true,null,{\"b\":\"é\"}],\"c\":{}}".getBytes(StandardCharsets.UTF_8);
        Arbitrary<byte[]> source = Arbitraries.of(base, small);
        Arbitrary<Integer> edits = Arbitraries.integers().between(1, 3);
        Arbitrary<Long> seed = Arbitraries.longs();
        Arbitrary<Byte> interesting = Arbitraries.of((byte) '{', (byte) '}', (byte) '[', (byte) ']', (byte) ',',
                (byte) ':', (byte) '"', (byte) '\\', (byte) '-', (byte) '.', (byte) 'e', (byte) '0', (byte) '1',
                (byte) 0, (byte) 0x1f, (byte) 0x80, (byte) 0xC3, (byte) 0xE2, (byte) 0xF0, (byte) 0xFF, (byte) ' ',
                (byte) 'u', (byte) 't', (byte) 'n', (byte) '+', (byte) '/');
        return Combinators.combine(source, edits, seed, interesting.list().ofMinSize(3).ofMaxSize(3))
                .as((src, n, s, bytes) -> {
                    java.util.Random r = new java.util.Random(s);
                    byte[] b = src.clone();
                    for (int k = 0; k < n; k++) {
                        int at = r.nextInt(b.length);
                        switch (r.nextInt(3)) {
                            case 0 -> b[at] = bytes.get(k);
                            case 1 -> b = cut(b, at);
                            default -> b = insert(b, at, bytes.get(k));
                        }
                    }
                    return b;
                });
    }

    private static byte[] cut(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte x) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = x;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }

    @Test
    void aBodyJacksonDetectsAsAnotherEncodingIsJacksonsToRead() throws IOException {
        byte[] bom = "\uFEFF{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("opened", PayloadFields.read(json, bom).path("action").asText());
        assertThrows(IOException.class, () -> PayloadFields.read(json, "{\"a\":01}".getBytes(StandardCharsets.UTF_8)));
    }
}
