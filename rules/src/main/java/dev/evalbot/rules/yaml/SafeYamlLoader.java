package dev.evalbot.rules.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads one YAML document into a node tree (never into objects), refusing anything that could
 * make a small input expensive: oversized files, invalid UTF-8, aliases, deep nesting and node
 * floods. Every refusal carries the line and column where it was detected.
 *
 * <p>Thread-safe and stateless apart from its limits; one instance serves any number of callers.
 */
public final class SafeYamlLoader {
    private static final int MIN_BUFFER = 1024;
    /** Stateless once built: one resolver serves every load. */
    private static final FastCoreSchema SCHEMA = new FastCoreSchema();
    private final YamlLimits limits;
    private final boolean snakeyamlComposer;

    public SafeYamlLoader(YamlLimits limits) {
        this(limits, false);
    }

    /**
     * With {@code snakeyamlComposer}, snakeyaml's own composer and core schema, as this loader
     * was before {@link NodeComposer}: the reference the tests compare it with, through
     * {@link #load(byte[])} only (it keeps a root sequence's items in the tree).
     */
    SafeYamlLoader(YamlLimits limits, boolean snakeyamlComposer) {
        this.limits = limits;
        this.snakeyamlComposer = snakeyamlComposer;
    }

    /**
     * The reader's buffer holds the whole text, so snakeyaml-engine reads it in one go. With its
     * default 1,024-character buffer, snakeyaml-engine 2.9 copies its whole look-ahead window at
     * every refill, which is quadratic in a long scalar (a 1 MiB quoted string allocated about
     * 2 GB), and throws IndexOutOfBoundsException when a refill ends on the first half of a
     * surrogate pair (an emoji at character 1,025 of a file).
     */
    private LoadSettings settings(int textLength) {
        return LoadSettings.builder()
                .setSchema(snakeyamlComposer ? new CoreSchema() : SCHEMA)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(0)
                .setCodePointLimit(limits.maxBytes())
                .setUseMarks(true)
                .setParseComments(false)
                .setBufferSize(Math.max(MIN_BUFFER, textLength + 1))
                .build();
    }

    public YamlLimits limits() {
        return limits;
    }

    public LoadResult load(byte[] bytes) {
        return load(bytes, null);
    }

    /**
     * Loads as {@link #load(byte[])} does, except that when the root is a sequence, each of its
     * items goes to {@code rootItems} as soon as it is composed and is not kept: the root
     * returned is that sequence (tag, style, marks) with no items. A large list is then never a
     * live tree as a whole, and each item is read while it is still in the CPU's caches. Items may
     * have been handed over before a refusal (a syntax error further down, a limit): the caller
     * discards what it made of them.
     */
    public LoadResult load(byte[] bytes, Consumer<Node> rootItems) {
        return load(bytes, -1, rootItems);
    }

    /**
     * Loads as {@link #load(byte[], Consumer)} does, knowing the whole file's size: callers read at
     * most one byte more than the limit, so {@code bytes} alone cannot tell how large a refused file is.
     *
     * @param size the whole file's size in bytes, or a negative number when unknown
     */
    public LoadResult load(byte[] bytes, long size, Consumer<Node> rootItems) {
        if (bytes.length > limits.maxBytes()) {
            return refused("file-too-large", tooLarge(bytes.length, size), Position.START);
        }
        String text;
        try {
            text = decodeUtf8(bytes);
        } catch (MalformedInputException e) {
            return refused("invalid-utf8", "the file is not valid UTF-8", positionOfByte(bytes, findBadByte(bytes)));
        } catch (CharacterCodingException e) {
            return refused("invalid-utf8", "the file is not valid UTF-8", Position.START);
        }
        return loadText(text, rootItems);
    }

    /** Loads text that is already decoded; the size limit then applies to its length in chars. */
    public LoadResult loadText(String text) {
        return loadText(text, null);
    }

    private LoadResult loadText(String text, Consumer<Node> rootItems) {
        if (text.length() > limits.maxBytes()) {
            return refused("file-too-large", "the file is larger than the limit of " + bytes(limits.maxBytes()),
                    Position.START);
        }
        Optional<YamlRefusal> control = ForbiddenCharacters.find(text);
        if (control.isPresent()) {
            return new LoadResult.Refused(control.get());
        }
        if (text.isBlank()) {
            return new LoadResult.Empty();
        }
        try {
            LoadSettings settings = settings(text.length());
            var parser = new GuardedParser(new ParserImpl(settings, new StreamReader(settings, text)), limits);
            var root = snakeyamlComposer ? new Composer(settings, parser).getSingleNode()
                    : new NodeComposer(parser, settings.getSchema().getScalarResolver(), rootItems).singleNode();
            return root.<LoadResult>map(LoadResult.Loaded::new).orElseGet(LoadResult.Empty::new);
        } catch (GuardedParser.LimitExceeded e) {
            return new LoadResult.Refused(e.refusal());
        } catch (MarkedYamlEngineException e) {
            return refused("yaml-syntax", describe(e), Position.of(e.getProblemMark()));
        } catch (YamlEngineException e) {
            return refused("yaml-syntax", firstLine(e.getMessage()), Position.UNKNOWN);
        }
    }

    /**
     * Read bytes of {@code limit + 1} may be the start of a larger file; any other length over the
     * limit is the whole file.
     */
    private String tooLarge(int read, long size) {
        String limit = "the limit is " + bytes(limits.maxBytes());
        if (size >= 0) {
            return "the file is " + bytes(size) + "; " + limit;
        }
        if (read == limits.maxBytes() + 1) {
            return "the file is larger than the limit of " + bytes(limits.maxBytes());
        }
        return "the file is " + bytes(read) + "; " + limit;
    }

    /** "52,428,800 bytes (50.0 MiB)": the exact count, and one a person reads at a glance. */
    static String bytes(long n) {
        String exact = String.format(java.util.Locale.ROOT, "%,d bytes", n);
        if (n < 1024) {
            return exact;
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String human = v == Math.rint(v) ? String.format(java.util.Locale.ROOT, "%d %s", (long) v, units[u])
                : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
        return exact + " (" + human + ")";
    }

    private static LoadResult refused(String code, String message, Position position) {
        return new LoadResult.Refused(new YamlRefusal(code, message, position));
    }

    private static String describe(MarkedYamlEngineException e) {
        // snakeyaml's message embeds a source snippet; the finding carries the position instead.
        String context = e.getContext();
        String problem = e.getProblem();
        StringBuilder message = new StringBuilder("YAML syntax error: ");
        if (problem != null) {
            message.append(problem);
        }
        if (context != null && !context.isBlank()) {
            message.append(" (").append(context).append(')');
        }
        return firstLine(message.toString());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "YAML syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        // The String constructor's decoder is the fast one (ASCII and Latin-1 copied in bulk) but
        // replaces malformed input with U+FFFD: without one in its result the input was valid.
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast.startsWith("\uFEFF") ? fast.substring(1) : fast;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
        if (chars.length() > 0 && chars.charAt(0) == '\uFEFF') {
            chars.position(1);
        }
        return chars.toString();
    }

    private static int findBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length));
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : 0;
    }

    private static Position positionOfByte(byte[] bytes, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Position(line, column);
    }
}
