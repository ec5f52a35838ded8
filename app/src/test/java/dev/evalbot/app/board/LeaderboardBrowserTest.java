package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.store.AuditRow;
import dev.evalbot.app.store.AuditStore;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.Decision;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.w3c.dom.Document;

/**
 * The leaderboard page in a real headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs): rows in rank order, sorting by a column, the tier filter, and a script in
 * the notes shown as text. Saves a screenshot under target/.
 */
class LeaderboardBrowserTest {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;
    Database db;
    Javalin server;
    ChromeDriver browser;

    @BeforeEach
    void setUp() throws Exception {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (!installed) {
            // A skipped test reads like a passed one in a long build: say it where it is seen.
            String why = "LeaderboardBrowserTest SKIPPED: the leaderboard page was NOT tested in a browser: "
                    + CHROMEDRIVER + " or " + CHROMIUM + " is missing (apt-get install chromium chromium-driver)";
            System.err.println("\n" + "*".repeat(100) + "\n*** " + why + "\n" + "*".repeat(100) + "\n");
            assertFalse("1".equals(System.getenv("EVALBOT_REQUIRE_BROWSER")),
                    why + "; EVALBOT_REQUIRE_BROWSER=1 (set by .ci/run) makes this a failure");
        }
        assumeTrue(installed, "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("b.db")));
        ResultStore results = new ResultStore(db, Clock.systemUTC());
        record(results, "lab/alpha", 0, PrState.MERGED, Tier.AUTHOR, 20.9, "no-tools");
        record(results, "lab/beta", 7, PrState.OPEN, Tier.COMMUNITY, 31.5, "<script>document.title='pwned'</script>");
        record(results, "lab/gamma", 0, PrState.MERGED, Tier.VERIFIED, 12.0, "verified run");
        record(results, "lab/delta", 3, PrState.OPEN, Tier.COMMUNITY, 20.9, "tie with alpha");
        AuditStore audit = new AuditStore(db);
        variantsAndWithdrawals(results, audit);
        BoardService boards = new BoardService(PlatformModules.known(), results, new RefreshStore(db,
                Duration.ofMinutes(1)),
                TaskCatalog.HIGHER_IS_BETTER, Map.of(), Duration.ofSeconds(30), Clock.systemUTC(), List.of(),
                new BoardSettings(List.of("together", "fireworks"), 5, null), new AuditTrail(audit),
                BoardService.DEFAULT_CACHE_REPORTS);
        boards.start();
        BoardRoutes routes = new BoardRoutes(boards);
        server = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/leaderboards/{owner}/{name}", routes.page()).get("/badges/<path>", routes.badge())
                .start("127.0.0.1", 0);

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1200,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    private static void record(ResultStore results, String model, int number, PrState state, Tier tier, double value,
            String notes) {
        results.replaceAll(new PullRef(PlatformId.GITHUB, model, number), "sha", state, List.of(new ReviewedEntry(
                ".eval_results/hle.yaml", 1, 1, "cais/hle", "hle", value, "2026-03-01", notes,
                "https://example.org/" + model, "source", tier, null, null, false)));
    }

    /**
     * GPQA: ai/alpha with two variants from two providers, ai/beta with tools, ai/gamma's PR closed
     * by the model's owner (not its submitter), ai/delta's rejected with a reason full of markup.
     */
    private static void variantsAndWithdrawals(ResultStore results, AuditStore audit) {
        gpqa(results, "ai/alpha", 0, PrState.MERGED, Tier.AUTHOR, 0.80, "no tools, 5-shot via together");
        gpqa(results, "ai/alpha", 4, PrState.OPEN, Tier.COMMUNITY, 0.84, "no tools via Fireworks");
        gpqa(results, "ai/beta", 0, PrState.MERGED, Tier.AUTHOR, 0.75, "with tools, CoT");
        gpqa(results, "ai/gamma", 9, PrState.OPEN, Tier.COMMUNITY, 0.99, "with tools");
        gpqa(results, "ai/delta", 2, PrState.OPEN, Tier.COMMUNITY, 0.97, "no tools");

        PullRequestRef gamma = new PullRequestRef(PlatformId.GITHUB, "ai/gamma", "code", 9, "sha", "base", "main", "mallory",
                Set.of(), null);
        ResultRecorder recorder = new ResultRecorder(results, id -> { });
        new CloseAudit(audit, c -> recorder.closed(c.pr(), c.merged()), Clock.systemUTC())
                .closed(new PullRequestEvent.Closed(gamma, false, "gamma-owner", null));

        PullRef delta = new PullRef(PlatformId.GITHUB, "ai/delta", 2);
        results.setDecision(delta, Decision.NONE.reject());
        audit.append(new AuditRow("maint", "reject", "<b>value from another split</b>", Instant.now(),
                PlatformId.GITHUB, "ai/delta", 2, "done", null));
    }

    private static void gpqa(ResultStore results, String model, int number, PrState state, Tier tier, double value,
            String notes) {
        results.replaceAll(new PullRef(PlatformId.GITHUB, model, number), "sha", state, List.of(new ReviewedEntry(
                ".eval_results/gpqa.yaml", 1, 1, "Idavidrein/gpqa", "gpqa_diamond", value, "2026-03-01", notes,
                "https://example.org/" + model, "source", tier, null, null, false)));
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    private List<String> models() {
        return browser.findElements(By.cssSelector("table.board > tbody > tr")).stream()
                .filter(WebElement::isDisplayed)
                .map(r -> r.findElements(By.tagName("td")).get(1).getText().split("\\s")[0]).toList();
    }

    @Test
    void rowsSortingFilterAndEscapingInARealBrowser() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/leaderboards/cais/hle");
        assertEquals(List.of("lab/beta", "lab/alpha", "lab/delta", "lab/gamma"), models());
        List<String> ranks = browser.findElements(By.cssSelector("table.board > tbody > tr > td:first-child")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("1", "2", "2", "4"), ranks, "equal values share a rank");

        // The script in the notes is text on the page, never run.
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("<script>document.title='pwned'</script>"));
        assertTrue(!browser.getTitle().contains("pwned"), browser.getTitle());

        // Sorting by value: ascending on the first click.
        browser.findElement(By.xpath("//table[contains(@class,'board')]//th[3]//button")).click();
        assertEquals(List.of("lab/gamma", "lab/alpha", "lab/delta", "lab/beta").get(0), models().get(0));
        assertEquals("lab/beta", models().get(3));

        // The tier filter: hide community rows.
        browser.findElement(By.cssSelector("#tier-filter input[value='community']")).click();
        assertEquals(List.of("lab/gamma", "lab/alpha"), models());

        Path shot = Path.of("target", "leaderboard-screenshot.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(shot) > 1000);
    }

    @Test
    void withdrawnSectionFacetFilterAndBadgeInARealBrowser() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        browser.get(base + "/leaderboards/Idavidrein/gpqa");
        // Withdrawn reports are not ranked: 0.99 and 0.97 would be first.
        assertEquals(List.of("ai/alpha", "ai/beta"), models());

        // The withdrawn list is there, collapsed, and says who closed what and why.
        WebElement withdrawn = browser.findElement(By.cssSelector("details.withdrawn"));
        assertNull(withdrawn.getAttribute("open"), "collapsed by default");
        List<WebElement> gone = withdrawn.findElements(By.cssSelector("table.withdrawn-list tbody tr"));
        assertEquals(2, gone.size());
        assertFalse(gone.get(0).isDisplayed());
        withdrawn.findElement(By.tagName("summary")).click();
        String text = withdrawn.getText();
        assertTrue(text.contains("PR closed by the model's owner, not its submitter (PR #9)"), text);
        assertTrue(text.contains("gamma-owner"), text);
        assertTrue(text.contains("rejected by a maintainer (PR #2)"), text);
        assertTrue(text.contains("<b>value from another split</b>"), "the reason is text, not markup: " + text);

        // Chips and the facet filter: only the rows whose shown report used tools.
        assertTrue(browser.findElement(By.cssSelector("table.board > tbody > tr")).getText().contains("provider: together"));
        assertTrue(browser.findElement(By.cssSelector(".spread")).getText().contains("across 2 providers: 0.8–0.84"));
        new Select(browser.findElement(By.cssSelector("fieldset.facet-filter select[data-facet='tools']")))
                .selectByValue("tools:yes");
        assertEquals(List.of("ai/beta"), models());
        new Select(browser.findElement(By.cssSelector("fieldset.facet-filter select[data-facet='tools']")))
                .selectByValue("tools:no");
        assertEquals(List.of("ai/alpha"), models());

        // The badge: shown on the page with the Markdown to paste, and a valid SVG on its own.
        WebElement badge = browser.findElement(By.cssSelector("table.board > tbody > tr details.badge"));
        badge.findElement(By.tagName("summary")).click();
        WebElement img = badge.findElement(By.tagName("img"));
        Number width = (Number) ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : -1;", img);
        assertTrue(width.intValue() > 0, "the badge image loaded under the page's policy: " + width);
        String markdown = badge.findElement(By.cssSelector("code.badge-md")).getText();
        String path = "/badges/ai/alpha/Idavidrein/gpqa/gpqa_diamond.svg?platform=github";
        assertEquals("[![Idavidrein/gpqa gpqa_diamond](" + base + path + ")](" + base + "/leaderboards/Idavidrein/gpqa)",
                markdown);

        Path shot = Path.of("target", "leaderboard-withdrawn-badge-screenshot.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", withdrawn);
        Path withdrawnShot = Path.of("target", "leaderboard-withdrawn-screenshot.png");
        Files.write(withdrawnShot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> svg = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, svg.statusCode());
        assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        xml.setNamespaceAware(true);
        Document doc = xml.newDocumentBuilder().parse(new ByteArrayInputStream(svg.body()));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertTrue(doc.getDocumentElement().getTextContent().contains("0.8 · author"));
        String etag = svg.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http.send(HttpRequest.newBuilder(URI.create(base + path)).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base
                + "/badges/ai/gamma/Idavidrein/gpqa/gpqa_diamond.svg")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "a withdrawn report makes no badge");
    }
}
