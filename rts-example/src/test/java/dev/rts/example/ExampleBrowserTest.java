package dev.rts.example;

import static dev.rts.example.HeadlessChromium.WAIT;
import static dev.rts.example.HeadlessChromium.awaitText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
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
 * The example page in real headless Chromium (binary frames included), driven through Debian's chromedriver. Skipped
 * only on a machine without Chromium that is not CI; under {@code CI} a missing browser fails the test.
 */
@Timeout(180)
class ExampleBrowserTest {

    private static final By LAST_MESSAGE = By.cssSelector("#messages li:last-child");
    /** Records, in {@code window.sketches}, each received sketch's type and bytes. */
    private static final String RECORD_SKETCHES = "window.sketches = [];"
            + "rts.api.sketch.onSketch(b => window.sketches.push("
            + "[b.constructor.name].concat(Array.from(new Uint8Array(b)))));";

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
    void thePageReconnectsAfterTheServerRestartsAndJoinsItsRoomAgain() {
        WebDriver page = open();
        awaitStatus(page, "ready");
        echo(page, "hello from chromium");
        join(page, "lobby");
        say(page, "Ann", "before the restart");
        awaitText(page, LAST_MESSAGE, "Ann: before the restart");

        int port = app.port();
        app.stop();
        new WebDriverWait(page, WAIT).until(ExpectedConditions.or(
                ExpectedConditions.textToBe(By.id("status"), "closed"),
                ExpectedConditions.textToBe(By.id("status"), "reconnecting")));

        app = ExampleApp.start(new ExampleOptions("127.0.0.1", port, false));
        awaitStatus(page, "ready");
        echo(page, "hello again");
        // The new server knows neither the session nor the room: the page joined again and shows the empty history.
        new WebDriverWait(page, WAIT).until(p -> p.findElements(By.cssSelector("#messages li")).isEmpty());
        say(page, "Ann", "after the restart");
        awaitText(page, LAST_MESSAGE, "Ann: after the restart");
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
    void squareShowsTheRpcAnswerAndTheRpcError() {
        WebDriver page = open();
        awaitStatus(page, "ready");

        square(page, "12");
        awaitText(page, By.id("square-result"), "144");

        square(page, "abc");
        awaitText(page, By.id("square-result"), "Error: Method 'math.square' argument 1 must be int but was \"abc\"");

        square(page, "-9");
        awaitText(page, By.id("square-result"), "81");
    }

    @Test
    void twoBrowsersInARoomChatAndABrowserInAnotherRoomGetsNoneOfIt() {
        // Three browsers, so three cookie jars and three sessions: rooms are joined per session.
        WebDriver ann = open();
        WebDriver bob = open();
        WebDriver carol = open();
        join(ann, "lobby");
        join(bob, "lobby");
        join(carol, "attic");
        // The page shows only its room's messages, so listen underneath it for what the server sends at all.
        ((JavascriptExecutor) carol).executeScript(
                "window.__rooms = []; rts.api.pubsub.on('chat', (message, room) => window.__rooms.push(room))");

        say(ann, "Ann", "hello Bob");
        awaitText(bob, LAST_MESSAGE, "Ann: hello Bob");
        awaitText(ann, LAST_MESSAGE, "Ann: hello Bob");
        assertThat(ann.findElement(By.id("text")).getAttribute("value")).as("sent text is cleared").isEmpty();

        say(bob, "Bob", "hi Ann");
        awaitText(ann, LAST_MESSAGE, "Bob: hi Ann");
        awaitText(bob, LAST_MESSAGE, "Bob: hi Ann");

        // Carol's own message comes after anything the lobby could have sent her on the same connection.
        say(carol, "Carol", "anyone here?");
        awaitText(carol, LAST_MESSAGE, "Carol: anyone here?");
        assertThat(messages(carol)).containsExactly("Carol: anyone here?");
        assertThat(((JavascriptExecutor) carol).executeScript("return window.__rooms"))
                .as("rooms of the chat events carol's page received").isEqualTo(List.of("attic"));

        say(bob, " ", "no name");
        awaitText(bob, By.id("chat-error"), "Not sent: Name must not be blank; type a name before sending");
        say(bob, "Bob", "bye");
        awaitText(ann, LAST_MESSAGE, "Bob: bye");
        assertThat(messages(ann)).containsExactly("Ann: hello Bob", "Bob: hi Ann", "Bob: bye");
        assertThat(bob.findElement(By.id("chat-error")).isDisplayed()).as("error cleared by a good send").isFalse();

        // Moving to the lobby shows its history.
        join(carol, "lobby");
        assertThat(messages(carol)).containsExactly("Ann: hello Bob", "Bob: hi Ann", "Bob: bye");
    }

    /** Binary frames: the browser client's send(bytes, cb) and onmessage with an ArrayBuffer, both ways through. */
    @Test
    void aSketchSharedInOneWindowReachesTheOtherAsExactlyTheSameBytes() {
        WebDriver ann = open();
        WebDriver bob = open();
        awaitStatus(ann, "ready");
        awaitStatus(bob, "ready");
        script(bob, RECORD_SKETCHES);

        // Every byte value behind the PNG signature, sent as a typed array; the reply is JSON on the callback.
        Object reached = ((JavascriptExecutor) ann).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const bytes = new Uint8Array(8 + 256);"
                + "bytes.set([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]);"
                + "for (let i = 0; i < 256; i++) bytes[8 + i] = i;"
                + "rts.api.sketch.share(bytes, (err, pages) => done(err ? 'error: ' + err.message : pages));");
        assertThat(reached).isEqualTo(1L);
        List<Object> expected = new ArrayList<>(List.of("ArrayBuffer", 0x89L, 0x50L, 0x4eL, 0x47L, 13L, 10L, 26L, 10L));
        for (long i = 0; i < 256; i++) {
            expected.add(i);
        }
        new WebDriverWait(bob, WAIT).until(page -> ((Number) script(page, "return window.sketches.length"))
                .intValue() == 1);
        assertThat(script(bob, "return window.sketches[0]")).isEqualTo(expected);

        // The page itself: Share sends the canvas as a PNG Blob, and the other window shows it as an image.
        ann.findElement(By.id("sketch-share")).click();
        new WebDriverWait(ann, WAIT).until(page -> page.findElement(By.id("sketch-status")).getText()
                .endsWith(" bytes to 1 other page(s)"));
        String size = ann.findElement(By.id("sketch-status")).getText().split(" ")[0];
        awaitText(bob, By.id("sketch-received"), size + " bytes");
        new WebDriverWait(bob, WAIT).until(page -> ((Number) script(page,
                "return document.getElementById('sketch-image').naturalWidth")).intValue() == 160);
        assertThat(script(bob, "return window.sketches[1].length - 1")).isEqualTo(Long.parseLong(size));
        assertThat(ann.findElement(By.id("sketch-received")).getText()).as("the sender does not get its own sketch")
                .isEqualTo("nothing yet");
    }

    @Test
    void theRoomShowsWhoIsHereAndWhoIsTypingAndAClosedWindowLeaves() {
        WebDriver ann = open();
        WebDriver bob = open();
        name(ann, "Ann");
        join(ann, "lobby");
        awaitPresent(ann, "Ann");

        name(bob, "Bob");
        join(bob, "lobby");
        awaitPresent(ann, "Ann", "Bob");
        awaitPresent(bob, "Ann", "Bob");

        bob.findElement(By.id("text")).sendKeys("typing a lo");
        awaitPresent(ann, "Ann", "Bob (typing…)");

        chromium.quit(bob);
        awaitPresent(ann, "Ann");
    }

    static void name(WebDriver page, String name) {
        WebElement input = page.findElement(By.id("name"));
        input.clear();
        input.sendKeys(name);
    }

    /** Waits until the page's list of who is in the room shows exactly these lines (the order is by key). */
    static void awaitPresent(WebDriver page, String... lines) {
        // Read in one script: the list is re-rendered on every change, which would make elements found earlier stale.
        new WebDriverWait(page, WAIT).until(d -> new TreeSet<>((List<?>) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('#present li')].map(li => li.textContent)"))
                .equals(new TreeSet<>(List.of(lines))));
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

    /** Waits until the page is connected, joins a room and waits until the page shows it. */
    static void join(WebDriver page, String room) {
        awaitStatus(page, "ready");
        WebElement input = page.findElement(By.id("room"));
        input.clear();
        input.sendKeys(room);
        page.findElement(By.id("join")).click();
        awaitText(page, By.id("joined"), room);
    }

    static void say(WebDriver page, String name, String text) {
        WebElement nameInput = page.findElement(By.id("name"));
        nameInput.clear();
        nameInput.sendKeys(name);
        WebElement textInput = page.findElement(By.id("text"));
        textInput.clear();
        textInput.sendKeys(text);
        page.findElement(By.id("send")).click();
    }

    private static List<String> messages(WebDriver page) {
        return page.findElements(By.cssSelector("#messages li")).stream().map(WebElement::getText).toList();
    }

    private static void square(WebDriver page, String typed) {
        WebElement input = page.findElement(By.id("square-input"));
        input.clear();
        input.sendKeys(typed);
        page.findElement(By.id("square")).click();
    }

    private static Object script(WebDriver page, String script) {
        return ((JavascriptExecutor) page).executeScript(script);
    }
}
