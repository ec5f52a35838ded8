package dev.evalbot.app.commands;

import java.util.ArrayList;
import java.util.List;

/** {@code /evalbot help}: the commands and who may run them. */
public final class HelpCommand implements Command {
    private final String text;

    /** @param others every other command, in the order the help lists them */
    public HelpCommand(List<Command> others) {
        List<Command> all = new ArrayList<>();
        all.add(this);
        all.addAll(others);
        StringBuilder md = new StringBuilder("**evalbot commands** (each on its own line, at the start of the line):\n\n");
        for (Command c : all) {
            md.append("- `").append(c.usage()).append("`: ").append(c.description()).append(" (")
                    .append(c.requires().who()).append(")\n");
        }
        md.append("\nMaintainers have write access to the repository or are listed under `maintainers:` in "
                + "`.evalbot.yml` on the default branch.");
        this.text = md.toString();
    }

    public String text() {
        return text;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "/evalbot help";
    }

    @Override
    public String description() {
        return "this list";
    }

    @Override
    public Access requires() {
        return Access.AUTHOR;
    }

    @Override
    public CommandResult run(Invocation in) {
        return new CommandResult.Done(text, java.util.Set.of());
    }
}
