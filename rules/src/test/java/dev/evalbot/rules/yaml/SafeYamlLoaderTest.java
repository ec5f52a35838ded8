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
}
