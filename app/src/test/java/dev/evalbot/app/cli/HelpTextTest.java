package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The help a newcomer reads first: never cut inside a word, and {@code evalbot} alone is a usage error. */
class HelpTextTest {
    private static final List<String> COMMANDS = List.of("validate", "review", "serve", "send", "registry", "deliveries",
            "replay", "backfill", "token", "import");

    @Test
    void evalbotWithoutACommandExitsTwoWithTheUsageOnStderr() {
        CliRunner r = CliRunner.run();
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("evalbot: name a command (evalbot help COMMAND tells more about one)\nUsage: evalbot"),
                r.err());
        assertEquals(0, CliRunner.run("--help").exit(), "asking for help is no error");
    }

    @Test
    void descriptionsAreWrappedAtSpacesWithinTheWidth() {
        for (String command : COMMANDS) {
            String help = CliRunner.run(command, "--help").out();
            List<String> lines = help.lines().toList();
            int i = 1;
            while (lines.get(i).startsWith(" ")) {
                i++; // the rest of the usage line
            }
            StringBuilder printed = new StringBuilder();
            for (; i < lines.size() && !lines.get(i).startsWith(" ") && !lines.get(i).isEmpty(); i++) {
                String line = lines.get(i);
                assertTrue(line.length() <= 80 || line.indexOf(' ') < 0, command + ": over 80 columns: " + line);
                printed.append(printed.length() == 0 ? "" : " ").append(line);
            }
            String description = String.join(" ", Main.commandLine().getSubcommands().get(command)
                    .getCommandSpec().usageMessage().description()).replace("%%", "%").replaceAll(" +", " ").trim();
            assertEquals(description, printed.toString(), command + " --help:\n" + help);
        }
        // Joined at spaces, the lines give the description back: no word, no path was cut in two.
        assertTrue(CliRunner.run("backfill", "--help").out().contains("\n.eval_results/ as the default branch)"));
    }

    @Test
    void theCommandListKeepsEveryDescriptionWhole() {
        String usage = CliRunner.run("--help").out();
        String list = usage.substring(usage.indexOf("Commands:\n") + "Commands:\n".length());
        for (String command : COMMANDS) {
            String description = Main.commandLine().getSubcommands().get(command).getCommandSpec()
                    .usageMessage().description()[0];
            int at = list.indexOf("\n  " + command + " ");
            String block = (list.startsWith("  " + command + " ") ? list : list.substring(at + 1));
            String joined = block.lines().findFirst().orElseThrow().substring(2 + command.length()).trim() + " "
                    + block.lines().skip(1).takeWhile(l -> l.startsWith("     ")).map(String::trim)
                            .reduce((a, b) -> a + " " + b).orElse("");
            assertEquals(description.trim(), joined.trim(), "evalbot --help, " + command + ":\n" + usage);
        }
    }
}
