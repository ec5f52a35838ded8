package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PlatformId;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("b.db")));
        ResultStore results = new ResultStore(db, Clock.systemUTC());
        record(results, "lab/alpha", 0, PrState.MERGED, Tier.AUTHOR, 20.9, "no-tools");
        record(results, "lab/beta", 7, PrState.OPEN, Tier.COMMUNITY, 31.5, "<script>document.title='pwned'</script>");
        record(results, "lab/gamma", 0, PrState.MERGED, Tier.VERIFIED, 12.0, "verified run");
        record(results, "lab/delta", 3, PrState.OPEN, Tier.COMMUNITY, 20.9, "tie with alpha");
        BoardService boards = new BoardService(results, new RefreshStore(db, Duration.ofMinutes(1)),
                TaskCatalog.HIGHER_IS_BETTER, Map.of(), Duration.ofSeconds(30), Clock.systemUTC(), List.of());
        boards.start();
        BoardRoutes routes = new BoardRoutes(boards);
        server = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/leaderboards/{owner}/{name}", routes.page()).start("127.0.0.1", 0);

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
                "https://example.org/" + model, "source", tier)));
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
        return browser.findElements(By.cssSelector("table.board tbody tr")).stream()
                .filter(WebElement::isDisplayed)
                .map(r -> r.findElements(By.tagName("td")).get(1).getText().split("\\s")[0]).toList();
    }

    @Test
    void rowsSortingFilterAndEscapingInARealBrowser() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/leaderboards/cais/hle");
        assertEquals(List.of("lab/beta", "lab/alpha", "lab/delta", "lab/gamma"), models());
        List<String> ranks = browser.findElements(By.cssSelector("table.board tbody tr td:first-child")).stream()
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
}
