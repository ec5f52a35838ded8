package dev.evalbot.app.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalbot.app.event.Comment;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandParserTest {
    private final CommandParser parser = new CommandParser("evalbot[bot]", 10, 500);

    static Stream<Arguments> bodies() {
        return Stream.of(
                row("plain", "/evalbot approve", "approve"),
                row("case and extra spaces", "/EvalBot   APPROVE   looks   good  ", "approve looks good"),
                row("reason keeps its case", "/evalbot reject Wrong Split", "reject Wrong Split"),
                row("bare prefix is help", "/evalbot", "help"),
                row("up to three spaces of indent", "   /evalbot hide", "hide"),
                row("CRLF line endings", "thanks!\r\n/evalbot approve\r\n", "approve"),
                row("several commands", "/evalbot approve ok\n/evalbot hide\nsome text\n/evalbot label add eval/x",
                        "approve ok", "hide", "label add eval/x"),
                row("repeated command runs once", "/evalbot recheck\n/evalbot recheck", "recheck"),
                row("not at line start", "please /evalbot approve"),
                row("glued word", "/evalbotapprove"),
                row("list item", "- /evalbot approve"),
                row("fenced backticks", "```\n/evalbot approve\n```"),
                row("fenced tildes", "~~~\n/evalbot approve\n~~~"),
                row("fence with info string", "```text\n/evalbot approve\n```\n/evalbot hide", "hide"),
                row("longer fence not closed by shorter", "````\n```\n/evalbot approve\n````\n/evalbot hide", "hide"),
                row("tilde fence not closed by backticks", "~~~\n```\n/evalbot approve\n~~~"),
                row("unclosed fence runs to the end", "```\n/evalbot approve"),
                row("indented code at start", "    /evalbot approve"),
                row("tab-indented code", "\t/evalbot approve"),
                row("indented code after blank line", "text\n\n    /evalbot approve"),
                row("indented code continues past blank lines", "    x\n\n    /evalbot approve"),
                row("indented line continuing a paragraph is text", "text\n    /evalbot approve", "approve"),
                row("inline code", "`/evalbot approve`"),
                row("double-backtick inline code", "``/evalbot approve``"),
                row("inline code spanning lines", "use `\n/evalbot approve\n` to approve"),
                row("unmatched backtick is literal", "a ` b\n/evalbot approve", "approve"),
                row("quote", "> /evalbot approve"),
                row("quote lazy continuation", "> quoted\n/evalbot approve"),
                row("after a quote and a blank line", "> /evalbot approve\n\n/evalbot approve", "approve"),
                row("HTML comment", "<!--\n/evalbot approve\n-->\n/evalbot hide", "hide"),
                row("one-line HTML comment", "<!-- /evalbot approve -->"),
                row("empty", ""));
    }

    private static Arguments row(String name, String body, String... expected) {
        return Arguments.of(name, body, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void findsOnlyCommandsGivenAsPlainText(String name, String body, List<String> expected) {
        assertEquals(expected, parser.parse(body).stream().map(CommandParserTest::show).toList());
    }

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("typo fixed elsewhere", "/evalbot approve\nthx", "/evalbot approve\nthanks", List.of()),
                Arguments.of("command added", "/evalbot approve", "/evalbot approve\n/evalbot hide", List.of("hide")),
                Arguments.of("case change is the same command", "/evalbot approve", "/EVALBOT Approve", List.of()),
                Arguments.of("new reason is a new command", "/evalbot reject a", "/evalbot reject b", List.of("reject b")),
                Arguments.of("command taken out of a code block", "```\n/evalbot hide\n```", "/evalbot hide",
                        List.of("hide")),
                Arguments.of("command put into a code block", "/evalbot hide", "```\n/evalbot hide\n```", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void anEditRunsOnlyCommandsItDidNotHoldBefore(String name, String before, String after, List<String> expected) {
        var event = new Comment("1", after, before, "alice", false, "alice", false, null);
        assertEquals(expected, parser.toRun(event).stream().map(CommandParserTest::show).toList());
    }

    static Stream<Arguments> authors() {
        return Stream.of(
                Arguments.of("a person", new Comment("1", "/evalbot help", null, "alice", false, "alice", false, null), 1),
                Arguments.of("a bot sender", new Comment("1", "/evalbot help", null, "ci[bot]", true, "ci[bot]", true, null), 0),
                Arguments.of("itself by login", new Comment("1", "/evalbot help", null, "EvalBot[bot]", false,
                        "evalbot[bot]", false, null), 0),
                Arguments.of("a person editing the bot's comment", new Comment("1", "/evalbot help", "x", "alice",
                        false, "evalbot[bot]", true, null), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authors")
    void commentsByBotsAreIgnored(String name, Comment event, int expected) {
        assertEquals(expected, parser.toRun(event).size());
    }

    @org.junit.jupiter.api.Test
    void runsAtMostTheConfiguredNumberOfCommandsAndCutsLongArguments() {
        var small = new CommandParser(null, 2, 5);
        var event = new Comment("1", "/evalbot approve abcdefgh\n/evalbot hide\n/evalbot refresh", null, "a",
                false, "a", false, null);
        assertEquals(List.of("approve abcde", "hide"), small.toRun(event).stream().map(CommandParserTest::show).toList());
    }

    @Property(tries = 300)
    void fencedTextNeverRunsAndNothingThrows(@ForAll String body) {
        parser.parse(body); // any input: no exception
        String fence = "`".repeat(longestBacktickRun(body) + 3);
        assertEquals(List.of(), parser.parse(fence + "\n" + body.replace("\r", "") + "\n/evalbot approve\n" + fence));
    }

    private static int longestBacktickRun(String s) {
        int best = 0;
        int run = 0;
        for (char c : s.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    private static String show(CommandLine c) {
        return c.argument().isEmpty() ? c.word() : c.word() + " " + c.argument();
    }
}
