package dev.rts.example;

import static dev.rts.example.HeadlessChromium.WAIT;
import static dev.rts.example.HeadlessChromium.awaitText;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Live reload of the example page in real headless Chromium: an edited stylesheet is swapped in place, keeping what
 * the user typed and the page's state; an edited page or script reloads the page. The app serves a copy of the page
 * from a temporary folder, so the test edits no file in the repo. Skipped like {@link ExampleBrowserTest}.
 */
@Timeout(180)
class ExampleLiveReloadBrowserTest {

    private static final Duration THROTTLE = Duration.ofMillis(200);
    private static final String TYPED = "typed before the edits";

    @TempDir
    Path client;

    private final HeadlessChromium chromium = new HeadlessChromium();
    private ExampleApp app;

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.require();
    }

    @BeforeEach
    void startAppOnACopyOfThePage() throws IOException {
        ExamplePage.copyTo(client);
        // Last-Modified has whole seconds: an edit within the copy's second would be answered 304 on revalidation.
        // An hour-old copy makes every edit visibly newer, as it is when someone edits a checked-out file.
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> files = Files.list(client)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, anHourAgo);
            }
        }
        app = ExampleApp.start(new ExampleOptions("127.0.0.1", 0, false, client), settings -> settings.throttle(THROTTLE));
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
    void stylesheetEditIsAppliedInPlaceAndPageEditReloads() throws IOException {
        WebDriver page = openReadyPage();
        assertThat(bodyBackground(page)).isEqualTo("rgba(0, 0, 0, 0)");

        edit("style.css", css -> css + "\nbody { background-color: rgb(10, 20, 30); }\n");
        new WebDriverWait(page, WAIT).until(p -> bodyBackground(p).equals("rgb(10, 20, 30)"));
        assertThat(script(page, "return window.__marker")).as("page state after a stylesheet edit").isEqualTo(42L);
        assertThat(page.findElement(By.id("echo-text")).getAttribute("value")).isEqualTo(TYPED);
        assertThat(script(page, "return document.querySelector('link[rel=stylesheet]').href"))
                .asString().contains("style.css?_rts=");

        edit("index.html", html -> html.replace("<h1>RTS example</h1>", "<h1>RTS example, edited</h1>"));
        awaitReload(page);
        awaitText(page, By.tagName("h1"), "RTS example, edited");
    }

    @Test
    void scriptEditReloadsThePageAndTheEditedScriptRuns() throws IOException {
        WebDriver page = openReadyPage();

        edit("app.js", js -> js + "\nwindow.__edited = 'yes';\n");

        awaitReload(page);
        // Static files are served with Cache-Control: no-cache, so the reload runs the edit, not a cached copy.
        assertThat(script(page, "return window.__edited")).isEqualTo("yes");
    }

    /** Opens the page, waits until it is connected, types into the echo field and marks the page's state. */
    private WebDriver openReadyPage() {
        WebDriver page = chromium.open("http://localhost:" + app.port() + "/");
        awaitText(page, By.id("status"), "ready");
        page.findElement(By.id("echo-text")).sendKeys(TYPED);
        script(page, "window.__marker = 42");
        return page;
    }

    /** Waits until the page was loaded anew: the marker is gone, the field empty, and the page connected again. */
    private static void awaitReload(WebDriver page) {
        new WebDriverWait(page, WAIT)
                .ignoring(JavascriptException.class)  // while the old document is torn down
                .until(p -> Boolean.TRUE.equals(script(p, "return window.__marker === undefined")));
        awaitText(page, By.id("status"), "ready");
        assertThat(page.findElement(By.id("echo-text")).getAttribute("value")).as("typed text after a reload")
                .isEmpty();
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        Path path = client.resolve(file);
        Files.writeString(path, change.apply(Files.readString(path)));
    }

    private static String bodyBackground(WebDriver page) {
        return (String) script(page, "return getComputedStyle(document.body).backgroundColor");
    }

    private static Object script(WebDriver page, String js) {
        return ((JavascriptExecutor) page).executeScript(js);
    }
}
