package dev.rts.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browsers of one browser test: real headless Chromium, driven through Debian's chromedriver, each with a fresh
 * profile. Selenium never downloads a browser or driver: it is always given both paths.
 *
 * <pre>{@code
 * @BeforeAll static void requireChromium() { HeadlessChromium.require(); }
 * private final HeadlessChromium chromium = new HeadlessChromium();
 * @AfterEach void stop() { chromium.close(); }
 * }</pre>
 */
final class HeadlessChromium implements AutoCloseable {

    /** How long a browser test waits for the page before it fails. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final List<WebDriver> drivers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    /**
     * Skips the test class on a machine without Chromium that is not CI; under {@code CI} a missing browser fails it.
     * Call from {@code @BeforeAll}.
     */
    static void require() {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (System.getenv("CI") == null) {
            assumeTrue(present, "Browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; "
                    + "install Debian's chromium and chromium-driver to run it (under CI it always runs)");
        }
        assertThat(present).as("CI is set, so the browser test must run, but %s or %s is missing; install "
                + "chromium and chromium-driver (.ci/run does)", CHROMIUM, CHROMEDRIVER).isTrue();
        // Selenium only looks for a driver (and might ask Selenium Manager to download one) when it has no path.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    }

    /**
     * Starts a browser with a fresh profile and opens a page in it.
     *
     * @param url the page
     * @return the browser, quit by {@link #close()}
     */
    WebDriver open(String url) {
        Path profile;
        try {
            profile = Files.createTempDirectory("rts-example-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        drivers.add(driver);
        driver.get(url);
        return driver;
    }

    /**
     * Closes one browser as a user closing its window would, after checking that its page code threw nothing.
     *
     * @param driver a browser opened by {@link #open(String)}
     */
    void quit(WebDriver driver) {
        assertThat(uncaughtErrors(driver)).as("uncaught JavaScript errors").isEmpty();
        drivers.remove(driver);
        driver.quit();
    }

    /**
     * Waits until an element shows exactly this text.
     *
     * @param page    the browser
     * @param element the element
     * @param text    the expected text
     * @throws org.openqa.selenium.TimeoutException after {@link #WAIT}
     */
    static void awaitText(WebDriver page, By element, String text) {
        new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(element, text));
    }

    /**
     * Fails if page code threw (connection failures while a server restarts are expected and allowed), then quits
     * every browser and deletes the profiles, also when it fails.
     */
    @Override
    public void close() {
        try {
            for (WebDriver driver : drivers) {
                assertThat(uncaughtErrors(driver)).as("uncaught JavaScript errors").isEmpty();
            }
        } finally {
            drivers.forEach(WebDriver::quit);
            drivers.clear();
            profiles.forEach(HeadlessChromium::deleteTree);
            profiles.clear();
        }
    }

    private static List<String> uncaughtErrors(WebDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Uncaught"))
                .toList();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // Chromium may still be writing its profile as it exits; a leftover temp folder is harmless.
        }
    }
}
