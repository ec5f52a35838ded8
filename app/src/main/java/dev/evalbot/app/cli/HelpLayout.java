package dev.evalbot.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help text wrapped at spaces only. Picocli breaks lines where the JDK's line BreakIterator allows,
 * which includes between the dot and the name of {@code .eval_results/}: a path cut in two reads as
 * two words. The command's description and the list of subcommands are laid out here instead.
 */
final class HelpLayout {
    private static final int COMMAND_INDENT = 2;
    private static final int CONTINUATION_INDENT = 2;

    private HelpLayout() {}

    /** Applies the layout to {@code cli} and every subcommand under it. */
    static void apply(CommandLine cli) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
        sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        cli.setHelpSectionMap(sections);
        cli.getSubcommands().values().forEach(HelpLayout::apply);
    }

    private static String description(CommandLine.Help help) {
        int width = help.commandSpec().usageMessage().width();
        StringBuilder out = new StringBuilder();
        for (String paragraph : help.commandSpec().usageMessage().description()) {
            wrap(text(paragraph), width, "", "", out);
        }
        return out.toString();
    }

    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> commands = help.subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        int nameWidth = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        int width = help.commandSpec().usageMessage().width();
        String pad = " ".repeat(COMMAND_INDENT + nameWidth + 2);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, CommandLine.Help> c : commands.entrySet()) {
            String[] description = c.getValue().commandSpec().usageMessage().description();
            String first = description.length == 0 ? "" : text(description[0]);
            String head = " ".repeat(COMMAND_INDENT) + c.getKey() + " ".repeat(nameWidth - c.getKey().length() + 2);
            wrap(first, width, head, pad + " ".repeat(CONTINUATION_INDENT), out);
        }
        return out.toString();
    }

    /** A description as picocli would print it: {@code %n} a line break, {@code %%} a percent sign. */
    private static String text(String s) {
        return s.replace("%n", "\n").replace("%%", "%");
    }

    /** Appends {@code text} wrapped at spaces to {@code width}, the first line after {@code head}. */
    static void wrap(String text, int width, String head, String indent, StringBuilder out) {
        for (String line : text.split("\n", -1)) {
            List<String> words = new ArrayList<>(List.of(line.trim().split(" +")));
            StringBuilder current = new StringBuilder(head);
            boolean empty = true;
            for (String word : words) {
                if (word.isEmpty()) {
                    continue;
                }
                if (!empty && current.length() + 1 + word.length() > width) {
                    out.append(current).append('\n');
                    current = new StringBuilder(indent);
                    empty = true;
                }
                if (!empty) {
                    current.append(' ');
                }
                current.append(word);
                empty = false;
            }
            out.append(current).append('\n');
            head = indent;
        }
    }
}
