package dev.rts.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's promise "use services from another process": the server runs in a separate JVM.
 */
@Timeout(60)
class OtherProcessTest {

    @Test
    void callsAServiceAndReceivesABroadcastFromAServerInAnotherJvm() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-cp", classPath, EchoServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("the child JVM prints its port").isNotNull();
            } while (!line.startsWith("PORT "));
            int port = Integer.parseInt(line.substring(5).trim());
            try (RtsClient client = RtsClient.builder().uri(URI.create("ws://127.0.0.1:" + port + "/")).build()) {
                client.connect().get(20, TimeUnit.SECONDS);
                BlockingQueue<ClientMessage> pushes = new LinkedBlockingQueue<>();
                client.service("echo").onMessage(pushes::add);
                Map<?, ?> answer = client.service("echo").call(Map.of("broadcast", "from afar"), Map.class)
                        .get(10, TimeUnit.SECONDS);
                assertThat(answer.get("echo")).isEqualTo(Map.of("broadcast", "from afar"));
                ClientMessage push = pushes.poll(10, TimeUnit.SECONDS);
                assertThat(push).isNotNull();
                assertThat(push.decode(Map.class)).isEqualTo(Map.of("news", "from afar"));
            }
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
