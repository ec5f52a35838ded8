package dev.evalbot.rules.benchmark.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PyYAML 6's safe_load, value by value (each expectation is what {@code yaml.safe_load} returns). */
class PyYamlTest {
    private static PyValue read(String yamlValue) {
        LoadResult r = new SafeYamlLoader(YamlLimits.DEFAULT).load(("v: " + yamlValue + "\n").getBytes(StandardCharsets.UTF_8));
        return PyYaml.of(YamlNodes.get(((LoadResult.Loaded) r).root(), "v").orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3|3", "010|8", "0x1F|31", "0b101|5", "1_000|1000", "1:30|90", "-1:00|-60",
        "+7|7", "0|0", "-0|0", "!!int 12|12"})
    void integers(String text, String value) {
        assertEquals(new BigInteger(value), assertInstanceOf(PyValue.Int.class, read(text)).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2.5|2.5", "1.0e+3|1000", ".5|0.5", "1_0.0|10", "1:30.0|90", "-.inf|-Infinity", "3.|3"})
    void floats(String text, double value) {
        assertEquals(value, assertInstanceOf(PyValue.Real.class, read(text)).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"yes|true", "No|false", "ON|true", "off|false", "True|true", "FALSE|false"})
    void booleans(String text, boolean value) {
        assertEquals(value, assertInstanceOf(PyValue.Bool.class, read(text)).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {"1e3|1e3", "y|y", "n|n", "'yes'|yes", "\"010\"|010",
        "0o17|0o17", "!!str 3|3", "1.0e3|1.0e3", "Yes please|Yes please", "0x|0x", "0b|0b"})
    void strings(String text, String value) {
        assertEquals(value, assertInstanceOf(PyValue.Str.class, read(text)).value());
    }

    @Test
    void nullsDatesAndWhatPyYamlCannotLoad() {
        assertInstanceOf(PyValue.Null.class, read("~"));
        assertInstanceOf(PyValue.Null.class, read("Null"));
        assertInstanceOf(PyValue.Null.class, read(""));
        assertInstanceOf(PyValue.Timestamp.class, read("2021-01-01"));
        assertInstanceOf(PyValue.Timestamp.class, read("2021-1-1 10:00:00"));
        assertInstanceOf(PyValue.Unloadable.class, read("="));
        assertInstanceOf(PyValue.Unloadable.class, read("!custom x"));
    }

    @Test
    void aValueReadOtherwiseSaysHow() {
        assertEquals("the boolean false (Inspect's YAML reader takes `no` for false)", read("no").describe());
        assertEquals("the number 8 (Inspect's YAML reader takes `010` for 8)", read("010").describe());
        assertEquals("the number 2021", read("2021").describe());
        assertEquals(Optional.of(true), PydanticLax.bool(read("'Y'")));
        assertEquals(Optional.of(BigInteger.valueOf(4)), PydanticLax.integer(read("\"4\u00a0\"")));
        assertEquals(Optional.empty(), PydanticLax.integer(read("'4.5'")));
    }
}
