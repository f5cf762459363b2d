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
    void aMalformedMessageGetsAnErrorAndNothingMore(TestClient alice) {
        alice.send("counter", "five");
        assertThat(alice.nextError()).isEqualTo("Expected a JSON object but found a string at line 1 column 2");
        alice.assertNoMoreMessages();
    }
}
