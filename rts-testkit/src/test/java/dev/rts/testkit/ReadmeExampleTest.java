package dev.rts.testkit;

import static dev.rts.testkit.RtsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's "Write a service" and "Test a service" examples, kept compiling and passing.
 */
@Timeout(20)
class ReadmeExampleTest {

    static final class ShoutService implements Service {

        @Override
        public String name() {
            return "shout";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.JSON, Feature.CALLBACKS);
        }

        @Override
        public Object start(ServiceContext ctx) {
            ctx.onMessage((message, request, reply) -> {
                Shout shout = message.decode(Shout.class);
                if (shout.text().isBlank()) {
                    throw new IllegalArgumentException("Nothing to shout");
                }
                reply.send(new Shout(shout.text().toUpperCase()));
                ctx.broadcast(new Shout(shout.text() + "!"));
            });
            return null;
        }

        record Shout(String text) {
        }
    }

    @RegisterExtension
    static RtsExtension rts = RtsExtension.perMethod(server -> server.service(new ShoutService()));

    @Test
    void shoutsBackAndToEveryone(TestClient alice, TestClient bob) {
        assertThat(alice.call("shout", Map.of("text", "hi"))).hasJson("{\"text\":\"HI\"}");
        assertThat(bob.nextMessage("shout")).hasJson("{\"text\":\"hi!\"}");
        assertThat(alice.callError("shout", Map.of("text", " "))).isEqualTo("Nothing to shout");
    }
}
