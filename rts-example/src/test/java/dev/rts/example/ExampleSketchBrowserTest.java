package dev.rts.example;

import static dev.rts.example.HeadlessChromium.WAIT;
import static dev.rts.example.HeadlessChromium.awaitText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Binary frames in real headless Chromium: a sketch shared in one window reaches another as exactly the same bytes,
 * through the browser client's {@code send(bytes, cb)} and {@code onmessage} with an {@code ArrayBuffer}.
 */
@Timeout(180)
class ExampleSketchBrowserTest {

    /** Records, in {@code window.sketches}, each received sketch's type and bytes. */
    private static final String RECORD_SKETCHES = "window.sketches = [];"
            + "rts.api.sketch.onSketch(b => window.sketches.push([b.constructor.name].concat(Array.from(new Uint8Array(b)))));";

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
    void aSketchSharedInOneWindowReachesTheOtherAsExactlyTheSameBytes() {
        WebDriver ann = chromium.open("http://localhost:" + app.port() + "/");
        WebDriver bob = chromium.open("http://localhost:" + app.port() + "/");
        awaitText(ann, By.id("status"), "ready");
        awaitText(bob, By.id("status"), "ready");
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

    private static Object script(WebDriver page, String script) {
        return ((JavascriptExecutor) page).executeScript(script);
    }
}
