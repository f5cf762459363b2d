package dev.rts.example;

import static dev.rts.example.HeadlessChromium.WAIT;
import static dev.rts.example.HeadlessChromium.awaitText;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The example page in real headless Chromium, driven through Debian's chromedriver. Skipped only on a machine without
 * Chromium that is not CI; under {@code CI} a missing browser fails the test.
 */
@Timeout(180)
class ExampleBrowserTest {

    private final HeadlessChromium chromium = new HeadlessChromium();
    private ExampleApp app;

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.require();
    }

    @BeforeEach
    void startApp() {
        app = ExampleApp.start(new ExampleOptions("127.0.0.1", 0, false));
    }

    @AfterEach
    void stopAll() {
        try {
            chromium.close();
        } finally {
            app.stop();
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
        return chromium.open("http://localhost:" + app.port() + "/");
    }

    private static void awaitStatus(WebDriver page, String status) {
        awaitText(page, By.id("status"), status);
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
}
