package dev.evalbot.app.platform.forge;

import dev.evalbot.app.commands.CommandPlatform;
import dev.evalbot.app.commands.Reaction;
import dev.evalbot.app.event.PullHead;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.ChangedPath;
import dev.evalbot.app.review.CommitState;
import dev.evalbot.app.review.Links;
import dev.evalbot.app.review.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The made-up code host itself, in memory: what the test puts there (pull requests and their
 * files) and what evalbot wrote (comments, labels, statuses, replies, reactions, closes), for the
 * test to inspect. It is both of Forge's ports: the review's and the commands'. A repository's
 * owner (the first part of {@code owner/name}) is its admin; anyone else has no role.
 * Synchronized: the server's workers write while the test reads.
 */
final class ForgeRepos implements Platform, CommandPlatform {
    /** A comment as it stands on a pull request, by evalbot. */
    record Posted(String id, String body) {}

    /** A commit status evalbot set. */
    record Status(String sha, CommitState state, String description) {}

    private record Pull(String head, String base, Map<String, byte[]> files) {}

    private final Map<String, Pull> pulls = new HashMap<>();
    private final Map<String, Map<String, String>> comments = new HashMap<>();
    private final Map<String, Set<String>> labels = new HashMap<>();
    private final Map<String, List<Status>> statuses = new HashMap<>();
    private final Map<String, List<String>> replies = new HashMap<>();
    private final Map<String, List<Reaction>> reactions = new HashMap<>();
    private final Set<String> closed = new HashSet<>();
    private int ids;

    // --- what the test puts on the forge, and reads back

    /** Opens (or pushes to) pull request {@code number} of {@code repo}: its head changes these text files. */
    synchronized void push(String repo, int number, String head, String base, Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        pulls.put(key(repo, number), new Pull(head, base, bytes));
    }

    synchronized List<Posted> comments(String repo, int number) {
        return comments.getOrDefault(key(repo, number), Map.of()).entrySet().stream()
                .map(e -> new Posted(e.getKey(), e.getValue())).toList();
    }

    synchronized Set<String> labels(String repo, int number) {
        return Set.copyOf(labels.getOrDefault(key(repo, number), Set.of()));
    }

    synchronized List<Status> statuses(String repo, int number) {
        return List.copyOf(statuses.getOrDefault(key(repo, number), List.of()));
    }

    synchronized List<String> replies(String repo, int number) {
        return List.copyOf(replies.getOrDefault(key(repo, number), List.of()));
    }

    /** Reactions to the comment {@code commentId}, in order. */
    synchronized List<Reaction> reactions(String commentId) {
        return List.copyOf(reactions.getOrDefault(commentId, List.of()));
    }

    synchronized boolean closedByEvalbot(String repo, int number) {
        return closed.contains(key(repo, number));
    }

    // --- the review's port

    @Override
    public String name() {
        return "forge";
    }

    @Override
    public synchronized List<ChangedPath> changedFiles(PullRequestRef pr, int cap) {
        return pull(pr).map(p -> p.files().keySet().stream().limit(cap)
                .map(path -> new ChangedPath(path, ChangedPath.Status.ADDED, null)).toList()).orElse(List.of());
    }

    /** The files of the pull request's head; any other revision (its base) has none of them. */
    @Override
    public synchronized Map<String, byte[]> read(PullRequestRef pr, String rev, List<String> paths, int maxBytes) {
        Map<String, byte[]> out = new HashMap<>();
        pull(pr).filter(p -> p.head().equals(rev)).ifPresent(p -> paths.stream().filter(p.files()::containsKey)
                .forEach(path -> out.put(path, Arrays.copyOf(p.files().get(path),
                        Math.min(p.files().get(path).length, maxBytes + 1)))));
        return out;
    }

    @Override
    public synchronized PullHead currentHead(PullRequestRef pr) {
        return pull(pr).map(p -> new PullHead(p.head(), p.base(), labels(pr.repo(), pr.number()), true))
                .orElseGet(() -> PullHead.asDelivered(pr));
    }

    @Override
    public synchronized Optional<String> findOwnComment(PullRequestRef pr, String marker) {
        return comments.getOrDefault(key(pr), Map.of()).entrySet().stream()
                .filter(e -> e.getValue().contains(marker)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public synchronized String createComment(PullRequestRef pr, String body) {
        String id = "c" + ++ids;
        comments.computeIfAbsent(key(pr), k -> new LinkedHashMap<>()).put(id, body);
        return id;
    }

    @Override
    public synchronized String updateComment(PullRequestRef pr, String commentId, String body) {
        Map<String, String> onPull = comments.computeIfAbsent(key(pr), k -> new LinkedHashMap<>());
        if (!onPull.containsKey(commentId)) {
            return createComment(pr, body);
        }
        onPull.put(commentId, body);
        return commentId;
    }

    @Override
    public synchronized void setLabels(PullRequestRef pr, Set<String> add, Set<String> remove) {
        Set<String> now = labels.computeIfAbsent(key(pr), k -> new HashSet<>());
        now.removeAll(remove);
        now.addAll(add);
    }

    @Override
    public synchronized void setStatus(PullRequestRef pr, String sha, CommitState state, String description) {
        statuses.computeIfAbsent(key(pr), k -> new ArrayList<>()).add(new Status(sha, state, description));
    }

    @Override
    public Links links(PullRequestRef pr) {
        return Links.NONE;
    }

    // --- the commands' port

    @Override
    public synchronized void react(PullRequestRef pr, String commentId, Reaction reaction) {
        reactions.computeIfAbsent(commentId, k -> new ArrayList<>()).add(reaction);
    }

    @Override
    public synchronized void reply(PullRequestRef pr, String body) {
        replies.computeIfAbsent(key(pr), k -> new ArrayList<>()).add(body);
    }

    @Override
    public String permission(PullRequestRef pr, String login) {
        return pr.repo().substring(0, pr.repo().indexOf('/')).equalsIgnoreCase(login) ? "admin" : "none";
    }

    @Override
    public Optional<byte[]> readRepoConfig(PullRequestRef pr, int maxBytes) {
        return Optional.empty();
    }

    @Override
    public synchronized void close(PullRequestRef pr, String reason) {
        closed.add(key(pr));
    }

    /** A comment names no head: the pull request as the forge has it now. */
    @Override
    public synchronized PullRequestRef pullRequest(PullRequestRef named) {
        return pull(named).map(p -> named.at(p.head(), p.base(), p.base())).orElse(named);
    }

    private Optional<Pull> pull(PullRequestRef pr) {
        return Optional.ofNullable(pulls.get(key(pr)));
    }

    private static String key(PullRequestRef pr) {
        return key(pr.repo(), pr.number());
    }

    private static String key(String repo, int number) {
        return repo + "#" + number;
    }
}
