package com.acme.counter;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.RtsExtension;
import dev.rts.testkit.TestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CounterServiceTest {

    @RegisterExtension
    static RtsExtension rts = RtsExtension.perMethod(server -> server.service(new CounterService()));

    @Test
    void incrementRepliesAndEveryClientSeesTheNewValue(TestClient alice, TestClient bob) {
        assertThat(alice.call("counter", Map.of("by", 2))).hasJson("{\"value\":2}");
        assertThat(alice.nextMessage("counter")).hasJson("{\"value\":2}");
        assertThat(bob.nextMessage("counter")).hasJson("{\"value\":2}");
        alice.assertNoMoreMessages();
        bob.assertNoMoreMessages();
    }

    @Test
    void serverCodeIncrementsThroughTheApi(TestClient bob) {
        CounterService.Counter counter = rts.server().api().get("counter", CounterService.Counter.class);
        assertThat(counter.increment(5)).isEqualTo(5);
        assertThat(bob.nextMessage("counter")).hasJson("{\"value\":5}");
    }

    @Test
    void aMalformedFrameGetsAnErrorAndNothingMore(TestClient alice) {
        alice.sendFrame(alice.serviceId("counter") + "|7|{not json");
        assertThat(alice.nextError()).isEqualTo("Malformed JSON at line 1 column 3; names and strings take double "
                + "quotes, and comments, trailing commas, NaN and Infinity are not JSON");
        alice.assertNoMoreMessages();
    }
}
