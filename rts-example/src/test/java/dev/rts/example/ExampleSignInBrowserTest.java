package dev.rts.example;

import static dev.rts.example.HeadlessChromium.WAIT;
import static dev.rts.example.HeadlessChromium.awaitText;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in on the example page in real headless Chromium: the server names the signed-in user's messages, and the
 * page's credentials (4 s here) are renewed over the open socket without a reconnect.
 */
@Timeout(180)
class ExampleSignInBrowserTest {

    private static final By LAST_MESSAGE = By.cssSelector("#messages li:last-child");

    private final HeadlessChromium chromium = new HeadlessChromium();
    private ExampleApp app;

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.require();
    }

    @BeforeEach
    void startApp() {
        app = ExampleApp.start(new ExampleOptions("127.0.0.1", 0, false), settings -> { }, Duration.ofSeconds(4));
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
    void theServerNamesTheSignedInUserAndRenewsItsCredentialsOverTheOpenSocket() {
        WebDriver page = chromium.open("http://localhost:" + app.port() + "/");
        awaitText(page, By.id("status"), "ready");
        WebElement user = page.findElement(By.id("user"));
        user.sendKeys("Ann");
        page.findElement(By.id("sign-in")).click();
        awaitText(page, By.id("me"), "Ann");
        assertThat(page.findElement(By.id("name")).getAttribute("value")).isEqualTo("Ann");
        script(page, "window.closes = 0; rts.status.on('close', () => window.closes++);");

        ExampleBrowserTest.join(page, "lobby");
        // The page sends another name; the server names the message after the signed-in user.
        script(page, "rts.api.rpc('chat.send', 'lobby', 'Mallory', 'hi from Ann')");
        awaitText(page, LAST_MESSAGE, "Ann: hi from Ann");

        long firstExpiry = expiresAt(page);
        // Past the first expiry the socket is still open and signed in: the add-on renewed it (no close, no
        // reconnect), and the server moved the expiry.
        new WebDriverWait(page, WAIT).until(p -> (Boolean) script(p, "return Date.now() > " + (firstExpiry + 1000)));
        assertThat(expiresAt(page)).isGreaterThan(firstExpiry);
        assertThat(((Number) script(page, "return window.closes")).intValue()).isZero();
        assertThat(page.findElement(By.id("status")).getText()).isEqualTo("ready");

        page.findElement(By.id("sign-out")).click();
        new WebDriverWait(page, WAIT).until(p -> p.findElement(By.id("sign-in-form")).isDisplayed());
        awaitText(page, By.id("status"), "ready");
        ExampleBrowserTest.join(page, "lobby");
        script(page, "rts.api.rpc('chat.send', 'lobby', 'Guest', 'signed out')");
        awaitText(page, LAST_MESSAGE, "Guest: signed out");
    }

    /** The expiry of the page's credentials as the server has them, in ms since the epoch. */
    private static long expiresAt(WebDriver page) {
        Object at = ((JavascriptExecutor) page).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "rts.api.rpc('account.me').then(([me]) => done(me && me.expiresAt), e => done('error ' + e.message));");
        assertThat(at).as("account.me's expiresAt").isInstanceOf(Number.class);
        return ((Number) at).longValue();
    }

    private static Object script(WebDriver page, String script) {
        return ((JavascriptExecutor) page).executeScript(script);
    }
}
