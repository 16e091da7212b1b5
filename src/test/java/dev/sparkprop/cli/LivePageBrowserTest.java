package dev.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in a real browser: a {@code train --ui} run of the digits lab's network in this JVM, its page
 * opened in Debian's headless Chromium through chromedriver (both installed by {@code .ci/run}).
 * While the run goes the cost curve gains points, then the first layer's tiles and the test set's
 * confusion matrix appear; the timing table's totals, summed in the browser from the steps the
 * page was sent, are the summary JSON's; the console stays free of errors. A screenshot of the
 * running page goes to {@code target/ui/live-page.png} (the README's is one of those).
 */
class LivePageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern ADDRESS = Pattern.compile("live training page at (http://\\S+)");

    @TempDir
    Path dir;

    @Test
    void theRunningPageGrowsAndEndsWithTheSummarysNumbers() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread run = new Thread(() -> exitCode.set(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "train", "conf/lab-digits.properties",
                // The lab's network on its 1,000 test digits alone, 100 steps: a short run that still
                // draws, and lasts a few polls of the page even with Spark warm (about 20 ms a step).
                "--train", "sample-data/digits/test.csv.gz", "--batch-size", "100", "--epochs", "10",
                "--output", dir.resolve("out").toString(), "--ui", "--ui-port", "0", "--ui-linger", "120")),
                "train --ui");
        // The browser first, then the run: the run must still be going when the page first loads.
        WebDriver browser = chromium();
        run.start();
        try {
            String address = await(Duration.ofSeconds(60), () -> {
                Matcher found = ADDRESS.matcher(err.toString(StandardCharsets.UTF_8));
                return found.find() ? found.group(1) : null;
            });
            assertTrue(address.startsWith("http://127.0.0.1:"), address);
            browser.get(address);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90), Duration.ofMillis(100));
            wait.ignoring(StaleElementReferenceException.class); // the page redraws on every poll

            int first = wait.until(page -> points(page) > 0 ? points(page) : null);
            int later = wait.until(page -> points(page) > first && status(page).equals("running") ? points(page) : null);
            assertTrue(later > first, "the cost curve grew from " + first + " to " + later + " points while running");

            wait.until(page -> !page.findElements(By.id("tiles-image")).isEmpty());
            Path screenshot = Path.of("target", "ui", "live-page.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

            wait.until(page -> status(page).equals("done"));
            List<WebElement> rows = browser.findElements(By.cssSelector("#confusion-table tr"));
            assertEquals(11, rows.size(), "a header and one row per digit");
            long counted = 0;
            for (WebElement cell : browser.findElements(By.cssSelector("#confusion-table td"))) {
                counted += Long.parseLong(cell.getText());
            }
            assertEquals(1000, counted, "the 1,000 test digits");

            JsonNode summary = await(Duration.ofSeconds(30), () -> summaryLine(out.toString(StandardCharsets.UTF_8)));
            double slowest = summary.get("slowest_compute_seconds").asDouble();
            assertShown(browser, "total-slowest", slowest);
            assertShown(browser, "total-overhead", summary.get("step_jobs_seconds").asDouble() - slowest);
            assertShown(browser, "total-broadcast", summary.get("broadcast_seconds").asDouble());
            assertShown(browser, "total-update", summary.get("update_seconds").asDouble());
            assertShown(browser, "total-compute", summary.get("compute_seconds").asDouble());

            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertEquals(List.of(), errors, "the browser console");
        } finally {
            browser.quit();
            run.interrupt(); // cuts ui-linger short
            run.join(Duration.ofSeconds(60).toMillis());
        }
        assertEquals(Main.EXIT_OK, exitCode.get(), err.toString(StandardCharsets.UTF_8));
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags that keep Chromium off this machine's closed network (the environment's notes).
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tempProfile(), "--window-size=1000,1900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String tempProfile() {
        try {
            File profile = Files.createTempDirectory("sparkprop-chromium").toFile();
            profile.deleteOnExit();
            return profile.getAbsolutePath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The points the cost chart draws (its data-points attribute), 0 before it exists. */
    private static int points(WebDriver page) {
        List<WebElement> chart = page.findElements(By.id("cost-chart"));
        return chart.isEmpty() ? 0 : Integer.parseInt(chart.get(0).getAttribute("data-points"));
    }

    private static String status(WebDriver page) {
        List<WebElement> status = page.findElements(By.id("status"));
        return status.isEmpty() ? "" : status.get(0).getText();
    }

    /** The page shows seconds to three places: the summary's six-place figure must round to them. */
    private static void assertShown(WebDriver page, String id, double seconds) {
        double shown = Double.parseDouble(page.findElement(By.id(id)).getText());
        assertEquals(seconds, shown, 0.0015, id + " against the summary JSON");
    }

    /** The summary JSON, the last line of stdout once it is there. */
    private static JsonNode summaryLine(String stdout) {
        String[] lines = stdout.strip().split("\\R");
        String last = lines[lines.length - 1];
        try {
            return last.startsWith("{\"epochs\"") ? new ObjectMapper().readTree(last) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private interface Probe<T> {
        T value() throws Exception;
    }

    private static <T> T await(Duration timeout, Probe<T> probe) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            T value = probe.value();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing after " + timeout.toSeconds() + " s");
    }
}
