package dev.evalbot.app.commands;

import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.Markdown;
import dev.evalbot.app.review.Platform;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.ReviewRequest;
import dev.evalbot.rules.check.Suggestions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands of one comment, on any platform: react on receipt, check who may do what,
 * run each command, then once for the whole comment review again and refresh the leaderboards,
 * reply (help, failures, at most one refusal per user per pull request per interval), record the
 * audit and react with the outcome.
 *
 * <p>Deliveries are at least once. Every effect before the reply is idempotent (decisions and
 * labels are sets, the review writes only what changed), so a retried delivery repeats nothing
 * visible; the reply and the audit come last.
 */
public final class CommandEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CommandEngine.class);
    private static final Pattern PLAIN_LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}");

    /** One command of the comment and what came of it. */
    public record Executed(CommandLine line, CommandResult result) {}

    private final Platform platform;
    private final CommandPlatform host;
    private final Permissions permissions;
    private final ReviewPipeline pipeline;
    private final CommandStores stores;
    private final CommandSettings settings;
    private final Clock clock;
    private final CommandParser parser;
    private final RepoConfigs configs;
    private final PullHistory history;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param platform the review's port (also used for labels)
     * @param host the command port of the same platform
     */
    public CommandEngine(Platform platform, CommandPlatform host, Permissions permissions, ReviewPipeline pipeline,
            CommandStores stores, CommandSettings settings, Clock clock) {
        this.platform = platform;
        this.host = host;
        this.permissions = permissions;
        this.pipeline = pipeline;
        this.stores = stores;
        this.settings = settings;
        this.clock = clock;
        this.parser = new CommandParser(settings.selfLogin(), settings.maxCommandsPerComment(),
                settings.maxArgumentChars());
        this.configs = new RepoConfigs(host, settings.maxConfigBytes(), settings.configTtl(), clock);
        this.history = new PullHistory(stores.audit(), stores.decisions(), settings);
        Decisions decisions = stores.decisions();
        List<Command> rest = List.of(new RecheckCommand(), new ApproveCommand(decisions, platform),
                new RejectCommand(decisions, platform, host), new HideCommand(decisions, platform),
                new UnhideCommand(decisions, platform), new LabelCommand(platform), new RefreshCommand());
        HelpCommand help = new HelpCommand(rest);
        commands.put(help.name(), help);
        rest.forEach(c -> commands.put(c.name(), c));
    }

    /** The history and approval for reviews that pushes trigger (see {@link PullHistory}). */
    public PullHistory history() {
        return history;
    }

    public String helpText() {
        return ((HelpCommand) commands.get("help")).text();
    }

    /**
     * Runs the commands of a posted comment; the platform finds the pull request's head (a comment
     * names none) only when there is something to run.
     *
     * @throws PlatformException when the platform fails in a way worth retrying (the whole comment is retried)
     */
    public List<Executed> handle(PullRequestEvent.CommentPosted posted) {
        return handle(posted.comment(), () -> host.pullRequest(posted.pr()));
    }

    /**
     * Runs what {@code event} asks for. {@code pullRequest} is called only when there is something
     * to run, so a comment without commands costs no platform call.
     *
     * @throws PlatformException when the platform fails in a way worth retrying (the whole comment is retried)
     */
    public List<Executed> handle(Comment event, Supplier<PullRequestRef> pullRequest) {
        List<CommandLine> lines = parser.toRun(event);
        if (lines.isEmpty()) {
            return List.of();
        }
        PullRequestRef pr = pullRequest.get();
        host.react(pr, event.commentId(), Reaction.EYES);
        RepoConfig config = configs.of(pr);
        String actor = event.actor();
        Access access = access(pr, actor, config);
        Instant at = clock.instant();
        List<Executed> executed = new ArrayList<>();
        for (CommandLine line : lines) {
            executed.add(new Executed(line, execute(line, access, new Invocation(pr, actor, line.argument(), config, at))));
        }
        List<AuditEntry> entries = executed.stream().map(e -> entry(pr, actor, at, e)).toList();
        followUp(pr, executed, entries);
        String reply = reply(pr, actor, access, at, executed);
        if (reply != null) {
            host.reply(pr, reply);
        }
        entries.forEach(stores.audit()::record);
        boolean allDone = executed.stream().allMatch(e -> e.result() instanceof CommandResult.Done);
        host.react(pr, event.commentId(), allDone ? Reaction.PLUS_ONE : Reaction.MINUS_ONE);
        LOG.info("{}: @{} ({}) ran {}", pr.subject(), actor, access, executed.stream()
                .map(e -> e.line().word() + "=" + e.result().getClass().getSimpleName()).toList());
        return executed;
    }

    private Access access(PullRequestRef pr, String login, RepoConfig config) {
        if (config.listsMaintainer(login) || permissions.maintains(pr, login)) {
            return Access.MAINTAINER;
        }
        return login.equalsIgnoreCase(pr.author()) ? Access.AUTHOR : Access.NONE;
    }

    private CommandResult execute(CommandLine line, Access access, Invocation in) {
        Command command = commands.get(line.word());
        if (command == null) {
            if (access == Access.NONE) {
                return new CommandResult.Refused("not a maintainer");
            }
            String hint = Suggestions.didYouMean(Suggestions.closest(line.word(), commands.keySet()));
            return new CommandResult.Failed("unknown command " + Markdown.code(CommandParser.PREFIX + " " + line.word())
                    + (hint == null ? "." : ": " + hint));
        }
        if (!access.allows(command.requires())) {
            return new CommandResult.Refused(command.name() + " needs " + command.requires().who());
        }
        try {
            return command.run(in);
        } catch (PlatformException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.warn("{}: {} failed: {}", in.pr().subject(), line.text(), e.getMessage());
            return new CommandResult.Failed(Markdown.code(line.text()) + " failed: the platform answered "
                    + (e.status() > 0 ? "HTTP " + e.status() : "with an error") + ".");
        }
    }

    /** Review again and refresh the leaderboards once for the whole comment. */
    private void followUp(PullRequestRef pr, List<Executed> executed, List<AuditEntry> entries) {
        Set<CommandResult.FollowUp> wanted = EnumSet.noneOf(CommandResult.FollowUp.class);
        for (Executed e : executed) {
            if (e.result() instanceof CommandResult.Done done) {
                wanted.addAll(done.followUps());
            }
        }
        boolean fresh = wanted.contains(CommandResult.FollowUp.FRESH_REVIEW);
        if (fresh || wanted.contains(CommandResult.FollowUp.REVIEW)) {
            try {
                pipeline.review(platform, ReviewRequest.of(pr).withHistory(history.lines(pr, entries))
                        .withApproved(history.approved(pr)).withBypassCaches(fresh));
            } catch (PlatformException e) {
                if (e.retryable()) {
                    throw e;
                }
                // The decision is stored; the next review (a push, a recheck) will show it.
                LOG.warn("{}: review after commands failed: {}", pr.subject(), e.getMessage());
            }
        }
        if (wanted.contains(CommandResult.FollowUp.REFRESH_BOARDS)) {
            stores.boards().refresh(pr.platform().code(), pr.repo(), pr.number());
        }
    }

    private String reply(PullRequestRef pr, String actor, Access access, Instant at, List<Executed> executed) {
        List<String> parts = new ArrayList<>();
        boolean unknown = false;
        boolean refused = false;
        for (Executed e : executed) {
            if (e.result() instanceof CommandResult.Done done && done.reply() != null) {
                parts.add(done.reply());
            } else if (e.result() instanceof CommandResult.Failed failed) {
                parts.add(failed.why());
                unknown |= !commands.containsKey(e.line().word());
            } else if (e.result() instanceof CommandResult.Refused) {
                refused = true;
            }
        }
        if (unknown && executed.stream().noneMatch(e -> e.line().word().equals("help"))) {
            parts.add(helpText());
        }
        if (refused && !toldRecently(pr, actor, at)) {
            parts.add(0, refusal(actor, access));
        }
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    /**
     * Whether this user was refused on this pull request within the interval: then they were told
     * (the first refusal of an interval is always answered), and saying it again would let anyone
     * make the bot spam a thread. Kept in the audit log, so it holds across restarts and instances.
     */
    private boolean toldRecently(PullRequestRef pr, String actor, Instant at) {
        Instant since = at.minus(settings.refusalReplyInterval());
        return stores.audit().recent(pr.platform().code(), pr.repo(), pr.number(), settings.auditLookback()).stream()
                .anyMatch(e -> AuditEntry.REFUSED.equals(e.outcome()) && e.actor().equalsIgnoreCase(actor)
                        && e.at().isAfter(since));
    }

    private String refusal(String actor, Access access) {
        List<String> allowed = commands.values().stream().filter(c -> access.allows(c.requires()))
                .map(c -> "`" + c.usage() + "`").toList();
        String who = PLAIN_LOGIN.matcher(actor).matches() ? "@" + actor : Markdown.text(actor);
        String what = allowed.isEmpty()
                ? "evalbot commands are for this repository's maintainers and, for `/evalbot help` and "
                        + "`/evalbot recheck`, the pull request's author."
                : "only maintainers can run that here; as the pull request's author you can run "
                        + String.join(" and ", allowed) + ".";
        return who + ", " + what;
    }

    private static AuditEntry entry(PullRequestRef pr, String actor, Instant at, Executed e) {
        String word = e.line().word().length() > 40 ? e.line().word().substring(0, 40) : e.line().word();
        String outcome = AuditEntry.DONE;
        String reason = null;
        if (e.result() instanceof CommandResult.Refused r) {
            outcome = AuditEntry.REFUSED;
            reason = r.why();
        } else if (e.result() instanceof CommandResult.Failed f) {
            outcome = AuditEntry.FAILED;
            reason = f.why();
        }
        return new AuditEntry(actor, word, e.line().argument(), at, pr.platform().code(), pr.repo(), pr.number(), outcome,
                reason);
    }
}
