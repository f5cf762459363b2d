package dev.rts.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.redis.internal.RedisUrl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL parsing and settings validation; needs no Redis. */
@Timeout(10)
class RedisUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "redis://localhost; false; localhost; 6379; 0; ; ; redis://localhost:6379/0",
        "redis://10.0.0.5:6380/2; false; 10.0.0.5; 6380; 2; ; ; redis://10.0.0.5:6380/2",
        "rediss://app:s3cret@cache.internal:6390/1; true; cache.internal; 6390; 1; app; s3cret; rediss://app:***@cache.internal:6390/1",
        "redis://:onlypass@h; false; h; 6379; 0; ; onlypass; redis://:***@h:6379/0",
        "redis://p%40ss@h/; false; h; 6379; 0; ; p@ss; redis://:***@h:6379/0",
        "redis://[::1]:7000; false; ::1; 7000; 0; ; ; redis://[::1]:7000/0",
    })
    void parsesTheUrlForms(String url, boolean tls, String host, int port, int db, String user, String password,
                           String shown) {
        RedisUrl parsed = RedisUrl.parse(url);

        assertThat(parsed).isEqualTo(new RedisUrl(tls, host, port, db, user, password));
        assertThat(parsed.toString()).isEqualTo(shown);
    }

    @Test
    void aWrongUrlIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> Redis.builder().url("http://user:hunter2@h:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URL 'http://user:***@h:6379' is invalid: the scheme must be redis or rediss; expected "
                        + "redis://[user:password@]host[:port][/database] (or rediss:// for TLS)");
        assertThatThrownBy(() -> Redis.builder().url("redis://:hunter2@h/zero"))
                .hasMessageContaining("the path must be a database number such as /0")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> Redis.builder().url("redis://h?timeout=5"))
                .hasMessageContaining("it has a query or fragment");
        assertThatThrownBy(() -> Redis.builder().url(" "))
                .hasMessageStartingWith("Redis URL must look like redis://");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        // A password with an unencoded '/' (base64 passwords have them) makes the URL name no host.
        "redis://app:hunter2/x@h:6379; redis://app:***@h:6379",
        // The password of redis://secret@host, with a bad port.
        "redis://hunter2@h:port; redis://***@h:port",
        // Unencoded '@' in the password.
        "redis://app:hun@ter2@h:bad; redis://app:***@h:bad",
        // No scheme at all.
        "app:hunter2@h:6379; app:***@h:6379",
    })
    void aWrongUrlNeverShowsItsPasswordWhateverItContains(String url, String shown) {
        assertThatThrownBy(() -> Redis.builder().url(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Redis URL '" + shown + "' is invalid: ")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("ter2");
    }

    @Test
    void theEnvironmentTurnsRedisOnAndNamesTheVariableItRejects() {
        assertThat(Redis.fromVariables(Map.of())).isEmpty();
        assertThat(Redis.fromVariables(Map.of("RTS_REDIS_URL", "redis://h"))).isPresent();
        assertThatThrownBy(() -> Redis.fromVariables(Map.of("RTS_REDIS_URL", "h:6379")))
                .hasMessageStartingWith("RTS_REDIS_URL: Redis URL 'h:6379' is invalid");
        assertThatThrownBy(() -> Redis.fromVariables(Map.of("RTS_REDIS_URL", "redis://h",
                "RTS_REDIS_PREFIX", "has space")))
                .hasMessage("RTS_REDIS_PREFIX: Redis prefix must be 0 to 64 characters of letters, digits and "
                        + "_ . : / - but was 'has space'");
    }

    @Test
    void redisDownAtStartIsAClearErrorNamingTheUrlWithoutItsPassword() {
        int closedPort = RedisAvailable.freePort();
        assertThatThrownBy(() -> Redis.builder().url("redis://app:hunter2@127.0.0.1:" + closedPort + "/3")
                .connect())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot reach Redis at redis://app:***@127.0.0.1:" + closedPort + "/3: ")
                .hasMessageEndingWith(". Start Redis there, or fix the URL (RTS_REDIS_URL or "
                        + "Redis.builder().url(...))")
                .hasMessageNotContaining("hunter2");
    }
}
