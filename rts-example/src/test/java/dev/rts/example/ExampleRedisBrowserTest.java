package dev.rts.example;

import static dev.rts.example.ExampleBrowserTest.awaitPresent;
import static dev.rts.example.ExampleBrowserTest.join;
import static dev.rts.example.ExampleBrowserTest.name;
import static dev.rts.example.ExampleBrowserTest.say;
import static dev.rts.example.HeadlessChromium.awaitText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * {@code --redis URL}: two example servers on two ports share the chat through the Redis on 127.0.0.1:6379; a message
 * sent by a browser on one reaches a browser on the other, and both pages list the same people in the room. Skipped
 * without Redis outside CI; under CI it must run.
 */
@Timeout(180)
class ExampleRedisBrowserTest {

    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final By LAST_MESSAGE = By.cssSelector("#messages li:last-child");

    private final HeadlessChromium chromium = new HeadlessChromium();
    private ExampleApp first;
    private ExampleApp second;

    @BeforeAll
    static void requireChromiumAndRedis() {
        HeadlessChromium.require();
        boolean redis;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2000);
            redis = true;
        } catch (IOException e) {
            redis = false;
        }
        if (System.getenv("CI") == null) {
            assumeTrue(redis, "Redis test skipped: nothing answers on 127.0.0.1:6379; start it with "
                    + "`redis-server --daemonize yes --port 6379 --save \"\"` (under CI it always runs)");
        }
        assertThat(redis).as("CI is set, so the Redis test must run, but nothing answers on 127.0.0.1:6379 "
                + "(.ci/run starts Redis)").isTrue();
    }

    @AfterEach
    void stopAll() {
        try {
            chromium.close();
        } finally {
            if (first != null) {
                first.stop();
            }
            if (second != null) {
                second.stop();
            }
        }
    }

    @Test
    void aMessageSentOnOneServerReachesABrowserOnTheOtherAndPresenceListsAgree() {
        first = ExampleApp.start(ExampleOptions.parse("--port", "0", "--redis", REDIS));
        second = ExampleApp.start(ExampleOptions.parse("--port", "0", "--redis", REDIS));
        String room = "redis-" + Long.toHexString(System.nanoTime());
        WebDriver ann = chromium.open("http://localhost:" + first.port() + "/");
        WebDriver bob = chromium.open("http://localhost:" + second.port() + "/");
        name(ann, "Ann");
        join(ann, room);
        name(bob, "Bob");
        join(bob, room);
        // Presence rides the same bus: both servers list both people.
        awaitPresent(ann, "Ann", "Bob");
        awaitPresent(bob, "Ann", "Bob");

        say(ann, "Ann", "hello from the first server");
        awaitText(bob, LAST_MESSAGE, "Ann: hello from the first server");
        say(bob, "Bob", "hello from the second");
        awaitText(ann, LAST_MESSAGE, "Bob: hello from the second");
        awaitText(bob, LAST_MESSAGE, "Bob: hello from the second");
    }
}
