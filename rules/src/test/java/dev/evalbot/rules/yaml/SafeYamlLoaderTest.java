package dev.evalbot.rules.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeYamlLoaderTest {
    private final SafeYamlLoader loader = new SafeYamlLoader(YamlLimits.DEFAULT);

    private YamlRefusal refusal(byte[] bytes) {
        return assertInstanceOf(LoadResult.Refused.class, loader.load(bytes)).refusal();
    }

    private YamlRefusal refusal(String text) {
        return refusal(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aliasIsRefusedWhereItStands() {
        YamlRefusal r = refusal("a: &x [1]\nb: *x\n");
        assertEquals("yaml-alias", r.code());
        assertEquals(new Position(2, 4), r.position());
    }

    @Test
    void syntaxErrorCarriesLineAndColumn() {
        YamlRefusal r = refusal("- dataset:\n    id: a\n   value: 1\n");
        assertEquals("yaml-syntax", r.code());
        assertEquals(3, r.position().line());
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
        YamlRefusal r = refusal(new byte[YamlLimits.DEFAULT.maxBytes() + 1]);
        assertEquals("file-too-large", r.code());
    }

    @Test
    void aRefusedFileTellsItsWholeSizeWhenTheCallerKnowsIt() {
        byte[] cut = new byte[YamlLimits.DEFAULT.maxBytes() + 1]; // what a caller reads of a 50 MiB file
        YamlRefusal known = assertInstanceOf(LoadResult.Refused.class, loader.load(cut, 50L * 1024 * 1024, null)).refusal();
        assertEquals("file-too-large", known.code());
        assertEquals("the file is 52,428,800 bytes (50 MiB); the limit is 1,048,576 bytes (1 MiB)", known.message());
        assertEquals("the file is larger than the limit of 1,048,576 bytes (1 MiB)", refusal(cut).message(),
                "unknown size: the bytes read may be only the start of the file");
        assertEquals("the file is 1,100,000 bytes (1.0 MiB); the limit is 1,048,576 bytes (1 MiB)",
                refusal(new byte[1_100_000]).message(), "bytes of another length are the whole file");
    }

    @Test
    void aFileOfNulBytesIsRefusedAtItsFirstWithAHint() {
        YamlRefusal r = refusal(new byte[64]);
        assertEquals("yaml-syntax", r.code());
        assertEquals(Position.START, r.position());
        assertEquals("the file holds the control character U+0000 (NUL) at line 1, column 1, which YAML does not allow",
                r.message());
        assertEquals("a results file is UTF-8 text: this one looks binary, or saved as UTF-16; save it as UTF-8 text",
                r.hint());
        YamlRefusal bell = refusal("- dataset: {id: cais/hle}\r\n  notes: ding\u0007 \u00e9\n");
        assertEquals(new Position(2, 14), bell.position());
        assertEquals("the file holds the control character U+0007 at line 2, column 14, which YAML does not allow",
                bell.message());
    }

    @Test
    void invalidUtf8IsRefusedAtTheBadByte() {
        byte[] bytes = {'a', ':', ' ', 'b', '\n', 'c', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
        YamlRefusal r = refusal(bytes);
        assertEquals("invalid-utf8", r.code());
        assertEquals(new Position(2, 4), r.position());
    }

    @Test
    void deepNestingIsRefused() {
        assertEquals("too-deep", refusal("[".repeat(100) + "]".repeat(100)).code());
    }

    @Test
    void nodeFloodIsRefused() {
        var small = new SafeYamlLoader(new YamlLimits(1 << 20, 10, 64));
        var r = assertInstanceOf(LoadResult.Refused.class, small.loadText("[" + "1,".repeat(1000) + "1]"));
        assertEquals("too-many-entries", r.refusal().code());
    }

    @Test
    void binaryInputIsASyntaxFindingNotACrash() {
        byte[] bytes = {0, 1, 2, 3, 'a', 0};
        assertEquals("yaml-syntax", refusal(bytes).code());
    }

    @Test
    void emptyAndBlankAreEmpty() {
        assertInstanceOf(LoadResult.Empty.class, loader.load(new byte[0]));
        assertInstanceOf(LoadResult.Empty.class, loader.loadText("  \n# only a comment\n"));
    }

    @Test
    void validUtf8IsReadWhateverItHoldsAndABomIsDropped() {
        String text = "a: \"\uFFFD é 日本 \uD83D\uDE00\"\n";
        for (String doc : new String[] {text, "\uFEFF" + text}) {
            var root = assertInstanceOf(LoadResult.Loaded.class, loader.load(doc.getBytes(StandardCharsets.UTF_8)))
                    .root();
            assertEquals("\uFFFD é 日本 \uD83D\uDE00", YamlNodes.text(YamlNodes.get(root, "a").orElseThrow())
                    .orElseThrow());
            assertEquals(new Position(1, 4), Position.of(YamlNodes.get(root, "a").orElseThrow()));
        }
    }

    @Test
    void aReplacementCharacterBeforeABadByteDoesNotHideIt() {
        byte[] good = "a: \uFFFD\nb: ".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 2);
        bytes[good.length] = (byte) 0xED; // a UTF-16 surrogate encoded in UTF-8: not valid UTF-8
        bytes[good.length + 1] = (byte) 0xA0;
        YamlRefusal r = refusal(bytes);
        assertEquals("invalid-utf8", r.code());
        assertEquals(new Position(2, 4), r.position());
    }
}
