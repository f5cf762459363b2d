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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The example page in real headless Chromium, driven through Debian's chromedriver. Skipped only on a machine without
 * Chromium that is not CI; under {@code CI} a missing browser fails the test.
 */
@Timeout(180)
class ExampleBrowserTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<WebDriver> drivers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();
    private ExampleApp app;

    @BeforeAll
    static void requireChromium() {
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

    @BeforeEach
    void startApp() {
        app = ExampleApp.start(new ExampleOptions("127.0.0.1", 0, false));
    }

    @AfterEach
    void stopAll() {
        try {
            for (WebDriver driver : drivers) {
                assertThat(uncaughtErrors(driver)).as("uncaught JavaScript errors").isEmpty();
            }
        } finally {
            drivers.forEach(WebDriver::quit);
            app.stop();
            profiles.forEach(ExampleBrowserTest::deleteTree);
        }
    }

    @Test
    void echoWorksAndThePageReconnectsAfterTheServerRestarts() {
        WebDriver page = open();
        awaitStatus(page, "ready");
        echo(page, "hello from chromium");

        int port = app.port();
        app.stop();
        new WebDriverWait(page, WAIT).until(ExpectedConditions.or(
                ExpectedConditions.textToBe(By.id("status"), "closed"),
                ExpectedConditions.textToBe(By.id("status"), "reconnecting")));

        app = ExampleApp.start(new ExampleOptions("127.0.0.1", port, false));
        awaitStatus(page, "ready");
        echo(page, "hello again");
    }

    @Test
    void serverRejectsTooLongTextAndThePageSaysWhy() {
        WebDriver page = open();
        awaitStatus(page, "ready");
        // The input's maxlength stops typing at 500; a script is not stopped, and neither is a hand-made client.
        ((JavascriptExecutor) page).executeScript("document.getElementById('echo-text').value = 'x'.repeat(501)");
        page.findElement(By.id("echo")).click();
        awaitText(page, By.id("answer"), "Error: Demo 'text' must be at most 500 characters but was 501");

        echo(page, "still connected");
    }

    @Test
    void twoBrowsersChatThroughSay() {
        WebDriver ann = open();
        WebDriver bob = open();
        awaitStatus(ann, "ready");
        awaitStatus(bob, "ready");

        say(ann, "Ann", "hello Bob");
        awaitText(bob, By.cssSelector("#messages li:last-child"), "Ann: hello Bob");
        awaitText(ann, By.cssSelector("#messages li:last-child"), "Ann: hello Bob");

        say(bob, "Bob", "hi Ann");
        awaitText(ann, By.cssSelector("#messages li:last-child"), "Bob: hi Ann");
        assertThat(bob.findElements(By.cssSelector("#messages li"))).extracting(WebElement::getText)
                .containsExactly("Ann: hello Bob", "Bob: hi Ann");
        assertThat(ann.findElement(By.id("text")).getAttribute("value")).as("sent text is cleared").isEmpty();
    }

    private WebDriver open() {
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
        driver.get("http://localhost:" + app.port() + "/");
        return driver;
    }

    private static void awaitStatus(WebDriver page, String status) {
        awaitText(page, By.id("status"), status);
    }

    private static void awaitText(WebDriver page, By element, String text) {
        new WebDriverWait(page, WAIT).until(ExpectedConditions.textToBe(element, text));
    }

    /** Echoes text through the page and waits until the answer shows it. */
    private static void echo(WebDriver page, String text) {
        WebElement input = page.findElement(By.id("echo-text"));
        input.clear();
        input.sendKeys(text);
        page.findElement(By.id("echo")).click();
        awaitText(page, By.id("answer"), text);
    }

    private static void say(WebDriver page, String name, String text) {
        WebElement nameInput = page.findElement(By.id("name"));
        nameInput.clear();
        nameInput.sendKeys(name);
        page.findElement(By.id("text")).sendKeys(text);
        page.findElement(By.id("send")).click();
    }

    /** Connection failures while the server restarts are expected; exceptions thrown by page code are not. */
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
