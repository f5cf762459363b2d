package com.acme.counter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.testkit.NodeScript;
import dev.rts.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's counter browser half, run in Node in a client with only the 2013 contract. */
@Timeout(60)
class CounterHalfTest {

    @Test
    void incrementAnswersTheCallbackAndOnChangeSeesTheNewValue() {
        try (TestServer server = TestServer.builder().realWebSocket(true).service(new CounterService()).start();
             NodeScript node = NodeScript.start(server, CounterHalfTest.class.getResource("counter-2013.mjs"))) {
            assertThat(node.result()).isEqualTo("[2,2]");
        }
    }
}
