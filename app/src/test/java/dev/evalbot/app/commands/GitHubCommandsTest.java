package dev.evalbot.app.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.dispatch.CommentAuthors;
import dev.evalbot.app.dispatch.EventDispatcher;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryKind;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.platform.github.BudgetSettings;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.GitHubAuth;
import dev.evalbot.app.platform.github.GitHubCommandPlatform;
import dev.evalbot.app.platform.github.GitHubEvents;
import dev.evalbot.app.platform.github.GitHubPlatform;
import dev.evalbot.app.platform.github.GitHubSettings;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.PullContext;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewListener;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands end to end: an issue_comment delivery through the handler, against a loopback GitHub. */
class GitHubCommandsTest {
    static final String REPO = "Codertocat/Hello-World";
    static final String VALID = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n";
    static final String WARNS = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  flavour: vanilla\n";
    static final String INVALID = "- dataset: {id: cais/hle, task_id: hel}\n  value: 20.9\n";
    static final PullRef PR = new PullRef(PlatformId.GITHUB, REPO, 2);

    final ObjectMapper json = new ObjectMapper();
    final AtomicLong ids = new AtomicLong(100);
    FakeGitHub github;
    FakeGitHubCommands fake;
    MutableClock clock;
    MemoryCommandAudit audit;
    MemoryDecisions decisions;
    List<String> refreshed;
    EventDispatcher handler;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub(REPO, 2);
        fake = new FakeGitHubCommands(github, REPO);
        fake.permission("alice", "write", "maintain");
        clock = MutableClock.atDefaultStart();
        var settings = new GitHubSettings("s3cret", "test-token", null, null, github.url(), "evalbot[bot]", null,
                BudgetSettings.DEFAULT);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var meters = new SimpleMeterRegistry();
        var auth = new GitHubAuth(settings, http, clock);
        var platform = new GitHubPlatform(settings, auth, http, meters, clock);
        var commands = new GitHubCommandPlatform(settings, auth, http, meters, clock);
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        var pipeline = new ReviewPipeline(() -> new ChangeValidator(config.rules(), config.registry(), clock),
                config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, new MemoryReviewLog(),
                new ReportJson(json), ReviewPipeline.Settings.DEFAULT, ReviewListener.NONE, ModelCardListener.NONE);
        audit = new MemoryCommandAudit();
        decisions = new MemoryDecisions();
        refreshed = new ArrayList<>();
        CommandSettings limits = CommandSettings.defaults(settings.botLogin());
        var engine = new CommandEngine(platform, commands, new RepoPermissions(commands, limits.permissionTtl(), clock),
                pipeline, new CommandStores(decisions, audit, (p, r, n) -> refreshed.add(p + ":" + r + "#" + n)),
                limits, clock);
        handler = new EventDispatcher(Map.of(PlatformId.GITHUB, new Lane(platform, CommentAuthors.AS_POSTED, engine::handle, PullContext.NONE,
                d -> GitHubEvents.read(d, json), true)), pipeline, PullRequestClosed.IGNORE, new SimpleMeterRegistry());
        github.files(FakeGitHub.files(".eval_results/hle.yaml", WARNS));
    }

    @AfterEach
    void tearDown() {
        github.close();
    }

    @Test
    void maintainersApproveLabelsApprovedPassesTheStatusAndShowsInTheHistory() throws Exception {
        long id = comment("alice", "LGTM\n\n/evalbot approve looks right");
        assertTrue(github.addedLabels().stream().anyMatch(b -> b.contains("eval/approved")), github.addedLabels().toString());
        assertEquals(List.of("success"), github.statuses());
        String review = fake.reviewComment();
        assertTrue(review.contains("approved, ") && review.contains("approved: looks right"), review);
        assertTrue(review.contains("&#64;alice") && !review.contains("@alice"), "no mention in the sticky comment");
        assertEquals(List.of("eyes", "+1"), fake.reactions(id));
        assertEquals(List.of(), fake.replies());
        assertTrue(decisions.get(PR).approved());
        assertEquals(List.of("github:" + REPO + "#2"), refreshed);
        AuditEntry e = audit.all().get(0);
        assertEquals(List.of("alice", "approve", "looks right", AuditEntry.DONE),
                List.of(e.actor(), e.command(), e.args(), e.outcome()));
    }

    @Test
    void approvalNeverPassesErrors() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", INVALID));
        comment("alice", "/evalbot approve");
        assertEquals(List.of("failure"), github.statuses());
    }

    @Test
    void aStrangersApproveIsRefusedWithOneReplyAnHourAndNoLabel() throws Exception {
        long first = comment("mallory", "/evalbot approve");
        assertEquals(1, fake.replies().size());
        assertTrue(fake.replies().get(0).startsWith("@mallory, evalbot commands are for"), fake.replies().get(0));
        assertEquals(List.of("eyes", "-1"), fake.reactions(first));
        clock.advance(Duration.ofMinutes(30));
        long second = comment("mallory", "/evalbot approve\n/evalbot hide");
        assertEquals(1, fake.replies().size(), "no second reply within the hour");
        assertEquals(List.of("eyes", "-1"), fake.reactions(second));
        assertEquals(0, github.addedLabels().size());
        assertEquals(0, github.statuses().size(), "no review was run");
        assertFalse(decisions.get(PR).approved());
        assertEquals(3, audit.all().stream().filter(e -> e.outcome().equals(AuditEntry.REFUSED)).count());
        clock.advance(Duration.ofMinutes(61));
        comment("mallory", "/evalbot approve");
        assertEquals(2, fake.replies().size(), "told again after a quiet hour");
    }

    @Test
    void theAuthorMayRecheckButNotApprove() throws Exception {
        long id = comment("Codertocat", "/evalbot recheck\n/evalbot approve");
        assertEquals(List.of("success"), github.statuses(), "the recheck reviewed");
        assertEquals(2, fake.count("GET", "/repos/" + REPO + "/pulls/2"),
                "the command reads the pull request's head and the review asks for its current head;"
                        + " the review's other calls need only its route, not a third read");
        assertEquals(List.of("eyes", "-1"), fake.reactions(id));
        String reply = fake.replies().get(0);
        assertTrue(reply.contains("only maintainers") && reply.contains("`/evalbot recheck`"), reply);
        assertFalse(decisions.get(PR).approved());
    }

    @Test
    void aCommandInACodeBlockDoesNothing() throws Exception {
        comment("alice", "To approve, write:\n\n```\n/evalbot approve\n```\nor `/evalbot approve`");
        assertEquals(0, github.server().getAllServeEvents().size(), "not a single request");
        assertEquals(List.of(), audit.all());
    }

    @Test
    void editingACommentDoesNotRepeatItsCommands() throws Exception {
        long id = comment("alice", "/evalbot approve");
        int labelWrites = github.addedLabels().size();
        edit(id, "alice", "/evalbot approve", "/evalbot approve\n\nthanks!");
        assertEquals(labelWrites, github.addedLabels().size());
        assertEquals(List.of("eyes", "+1"), fake.reactions(id), "no new reactions for an edit without new commands");
        edit(id, "alice", "/evalbot approve\n\nthanks!", "/evalbot approve\n/evalbot hide");
        assertTrue(github.addedLabels().get(github.addedLabels().size() - 1).contains("eval/hidden"));
        assertEquals(List.of("approve", "hide"), audit.all().stream().map(AuditEntry::command).toList());
        assertTrue(decisions.get(PR).hidden() && decisions.get(PR).approved());
    }

    @Test
    void theBotNeverAnswersItself() throws Exception {
        deliver(payload("created", ids.incrementAndGet(), "evalbot[bot]", "Bot", "/evalbot help", null));
        deliver(payload("created", ids.incrementAndGet(), "other-app[bot]", "Bot", "/evalbot approve", null));
        assertEquals(0, github.server().getAllServeEvents().size());
    }

    @Test
    void maintainersListedInTheRepoConfigMayDecideAndRejectClosesWhenConfigured() throws Exception {
        fake.repoConfig("maintainers:\n  - '@Carol'\ncommands:\n  reject_closes: true\n");
        long id = comment("carol", "/evalbot reject duplicate of #1");
        assertEquals(List.of("eyes", "+1"), fake.reactions(id));
        assertTrue(github.addedLabels().stream().anyMatch(b -> b.contains("eval/rejected")));
        assertEquals(1, fake.count("PATCH", "/repos/" + REPO + "/issues/2"));
        assertTrue(decisions.get(PR).rejected());
        assertTrue(fake.reviewComment().contains("rejected: duplicate of \\#1"), fake.reviewComment());
    }

    @Test
    void rejectNeedsAReasonAndDoesNotCloseByDefault() throws Exception {
        long id = comment("alice", "/evalbot reject");
        assertEquals(List.of("eyes", "-1"), fake.reactions(id));
        assertTrue(fake.replies().get(0).contains("needs a reason"), fake.replies().get(0));
        comment("alice", "/evalbot reject wrong split");
        assertTrue(decisions.get(PR).rejected());
        assertEquals(0, fake.count("PATCH", "/repos/" + REPO + "/issues/2"));
    }

    @Test
    void permissionAndRepoConfigAreReadOnceAMinute() throws Exception {
        comment("alice", "/evalbot hide");
        comment("alice", "/evalbot unhide");
        assertEquals(1, fake.count("GET", ".*/collaborators/alice/permission"));
        assertEquals(1, fake.count("GET", ".*/contents/.evalbot.yml"));
        clock.advance(Duration.ofSeconds(61));
        comment("alice", "/evalbot refresh");
        assertEquals(2, fake.count("GET", ".*/collaborators/alice/permission"));
        assertEquals(1, fake.count("DELETE", ".*/issues/2/labels/eval%2Fhidden"));
        assertEquals(3, refreshed.size());
    }

    @Test
    void unknownCommandsGetHelpWithASuggestion() throws Exception {
        long id = comment("alice", "/evalbot aprove");
        String reply = fake.replies().get(0);
        assertTrue(reply.contains("did you mean `approve`?") && reply.contains("/evalbot reject <reason>"), reply);
        assertEquals(List.of("eyes", "-1"), fake.reactions(id));
    }

    @Test
    void labelsOnlyUnderThePrefixAndNeverTheDecisionLabels() throws Exception {
        comment("alice", "/evalbot label add eval/needs-data\n/evalbot label add bug\n/evalbot label add eval/approved");
        assertEquals(1, github.addedLabels().size());
        assertTrue(github.addedLabels().get(0).contains("eval/needs-data"));
        String reply = fake.replies().get(0);
        assertTrue(reply.contains("<code>bug</code> is not a label under") && reply.contains("set by evalbot itself"), reply);
    }

    @Test
    void helpListsTheCommandsAndWhoMayRunThem() throws Exception {
        long id = comment("Codertocat", "/evalbot help");
        assertTrue(fake.replies().get(0).contains("`/evalbot approve [reason]`: "), fake.replies().get(0));
        assertEquals(List.of("eyes", "+1"), fake.reactions(id));
    }

    @Test
    void aRetryableFailureRetriesTheDeliveryWithoutARecord() throws Exception {
        github.failNext(1, 502, Map.of());
        Outcome outcome = deliver(payload("created", ids.incrementAndGet(), "alice", "User", "/evalbot approve", null));
        assertInstanceOf(Outcome.Retry.class, outcome);
        assertEquals(List.of(), audit.all());
    }

    private long comment(String login, String body) throws Exception {
        long id = ids.incrementAndGet();
        assertInstanceOf(Outcome.Done.class, deliver(payload("created", id, login, "User", body, null)));
        return id;
    }

    private void edit(long id, String login, String before, String after) throws Exception {
        assertInstanceOf(Outcome.Done.class, deliver(payload("edited", id, login, "User", after, before)));
    }

    private Outcome deliver(String payload) throws Exception {
        var root = json.readTree(payload);
        return handler.handle(new Delivery(ids.incrementAndGet(), PlatformId.GITHUB, "d" + ids.get(), "issue_comment",
                root.path("action").asText(), "github:" + REPO + "#2", null, DeliveryKind.COMMAND,
                payload.getBytes(StandardCharsets.UTF_8), clock.instant(), 1, null));
    }

    /** GitHub's own issue_comment example, moved onto pull request 2 with the given comment. */
    private String payload(String action, long commentId, String login, String type, String body, String before)
            throws Exception {
        ObjectNode root = (ObjectNode) json.readTree(Files.readString(
                Path.of("src/test/resources/github-webhooks/issue_comment." + action + ".json")));
        ObjectNode issue = (ObjectNode) root.path("issue");
        issue.put("number", 2);
        issue.putObject("pull_request").put("url", "https://api.github.com/repos/" + REPO + "/pulls/2");
        ObjectNode comment = (ObjectNode) root.path("comment");
        comment.put("id", commentId).put("body", body);
        ((ObjectNode) comment.path("user")).put("login", login).put("type", type);
        ((ObjectNode) root.path("sender")).put("login", login).put("type", type);
        if (before != null) {
            root.putObject("changes").putObject("body").put("from", before);
        }
        return root.toString();
    }
}
