package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server process whose RTS_REDIS_URL points at nothing refuses to start, saying where it looked. */
@Timeout(120)
class StartupTest {

    @Test
    void aServerWhoseRedisIsDownRefusesToStartNamingTheUrlWithoutThePassword() throws Exception {
        int closedPort = RedisAvailable.freePort();

        assertThatThrownBy(() -> NodeProcess.start("redis-down", Map.of("RTS_REDIS_URL",
                "redis://app:hunter2@127.0.0.1:" + closedPort + "/0")))
                .hasMessage("Node redis-down did not start; see target/nodes/redis-down.log");

        String log = Files.readString(Path.of("target", "nodes", "redis-down.log"));
        assertThat(log).contains("Cannot reach Redis at redis://app:***@127.0.0.1:" + closedPort + "/0: ")
                .contains("Start Redis there, or fix the URL (RTS_REDIS_URL or Redis.builder().url(...))")
                .doesNotContain("hunter2");
    }
}
