package dev.evalbot.rules.benchmark.inspect;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a node as PyYAML's {@code safe_load} does: the implicit resolvers of YAML 1.1 for plain
 * scalars (PyYAML 6 {@code resolver.py}) and its constructors for int and float
 * ({@code constructor.py}: underscores dropped, {@code 0b}/{@code 0x}/leading-zero octal, base 60).
 */
public final class PyYaml {
    private PyYaml() {}

    private static final Pattern BOOL = Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT = Pattern.compile("[-+]?0b[0-1_]+"
            + "|[-+]?0[0-7_]+"
            + "|[-+]?(?:0|[1-9][0-9_]*)"
            + "|[-+]?0x[0-9a-fA-F_]+"
            + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
            + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
            + "(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
            + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");

    private static final String TAG = "tag:yaml.org,2002:";
    private static final ScalarResolver CORE = new CoreSchema().getScalarResolver();

    public static PyValue of(Node node) {
        if (node instanceof MappingNode) {
            return new PyValue.Mapping();
        }
        if (node instanceof SequenceNode) {
            return new PyValue.Sequence();
        }
        if (!(node instanceof ScalarNode s)) {
            return new PyValue.Unloadable(String.valueOf(node), "not a YAML value PyYAML builds");
        }
        String text = s.getValue();
        // The node does not say whether its tag was written or resolved: a tag other than the one
        // evalbot's YAML 1.2 resolver gives the text (a quoted text: str) was written. (So `! 3`,
        // which PyYAML resolves to 3, reads as the string "3" here, like `!!str 3`.)
        boolean isPlain = s.getScalarStyle() == ScalarStyle.PLAIN;
        Tag implicit = isPlain ? CORE.resolve(text, true) : Tag.STR;
        if (!s.getTag().equals(implicit)) {
            return tagged(s.getTag().getValue(), text);
        }
        return isPlain ? plain(text) : new PyValue.Str(text);
    }

    /** A plain scalar, resolved as PyYAML's implicit resolvers do. */
    static PyValue plain(String text) {
        if (NULL.matcher(text).matches()) {
            return new PyValue.Null();
        }
        if (BOOL.matcher(text).matches()) {
            return new PyValue.Bool(text.toLowerCase(Locale.ROOT).matches("yes|true|on"), text);
        }
        if (FLOAT.matcher(text).matches()) {
            return real(text);
        }
        if (INT.matcher(text).matches()) {
            return integer(text);
        }
        if (TIMESTAMP.matcher(text).matches()) {
            return new PyValue.Timestamp(text);
        }
        if (text.equals("=")) {
            return new PyValue.Unloadable(text, "YAML 1.1's value key `=` has no constructor");
        }
        return new PyValue.Str(text);
    }

    private static PyValue tagged(String tag, String text) {
        return switch (tag) {
            case TAG + "str", TAG + "binary" -> new PyValue.Str(text);
            case TAG + "null" -> new PyValue.Null();
            case TAG + "bool" -> BOOL.matcher(text).matches()
                    ? new PyValue.Bool(text.toLowerCase(Locale.ROOT).matches("yes|true|on"), text)
                    : new PyValue.Unloadable(text, "not a boolean");
            case TAG + "int" -> integer(text);
            case TAG + "float" -> real(text);
            default -> new PyValue.Unloadable(text, "no constructor for the tag " + tag);
        };
    }

    /** PyYAML's {@code construct_yaml_int}. */
    static PyValue integer(String text) {
        String v = text.replace("_", "");
        try {
            boolean negative = v.startsWith("-");
            if (v.startsWith("-") || v.startsWith("+")) {
                v = v.substring(1);
            }
            BigInteger n;
            if (v.equals("0")) {
                n = BigInteger.ZERO;
            } else if (v.startsWith("0b")) {
                n = new BigInteger(v.substring(2), 2);
            } else if (v.startsWith("0x")) {
                n = new BigInteger(v.substring(2), 16);
            } else if (v.startsWith("0")) {
                n = new BigInteger(v, 8);
            } else if (v.contains(":")) {
                n = BigInteger.ZERO;
                for (String part : v.split(":")) {
                    n = n.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
                }
            } else {
                n = new BigInteger(v);
            }
            return new PyValue.Int(negative ? n.negate() : n, text);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return new PyValue.Unloadable(text, "not an integer");
        }
    }

    /** PyYAML's {@code construct_yaml_float}. */
    static PyValue real(String text) {
        String v = text.replace("_", "").toLowerCase(Locale.ROOT);
        try {
            double sign = v.startsWith("-") ? -1 : 1;
            if (v.startsWith("-") || v.startsWith("+")) {
                v = v.substring(1);
            }
            double d;
            if (v.equals(".inf")) {
                d = Double.POSITIVE_INFINITY;
            } else if (v.equals(".nan")) {
                d = Double.NaN;
            } else if (v.contains(":")) {
                d = 0;
                for (String part : v.split(":")) {
                    d = d * 60 + Double.parseDouble(part);
                }
            } else {
                d = Double.parseDouble(v);
            }
            return new PyValue.Real(sign * d, text);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return new PyValue.Unloadable(text, "not a number");
        }
    }
}
