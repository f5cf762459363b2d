package dev.rts.redis;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Two server processes ({@link ClusterNode}) on the shared Redis under one key prefix, for a test class's lifetime;
 * closing stops both and deletes what they left under the prefix.
 */
final class TwoNodes implements AutoCloseable {

    final NodeProcess a;
    final NodeProcess b;
    private final String prefix;

    private TwoNodes(NodeProcess a, NodeProcess b, String prefix) {
        this.a = a;
        this.b = b;
        this.prefix = prefix;
    }

    /** Starts {@code <name>-a} and {@code <name>-b}; stops the first if the second cannot start. */
    static TwoNodes start(String name, String prefix) {
        Map<String, String> env = Map.of("RTS_REDIS_URL", RedisAvailable.URL, "RTS_REDIS_PREFIX", prefix);
        NodeProcess a = NodeProcess.start(name + "-a", env);
        try {
            return new TwoNodes(a, NodeProcess.start(name + "-b", env), prefix);
        } catch (RuntimeException | Error e) {
            closeQuietly(a, e);
            throw e;
        }
    }

    private static void closeQuietly(NodeProcess node, Throwable failure) {
        try {
            node.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            a.close();
        } finally {
            b.close();
            try (RawRedis raw = new RawRedis(RedisAvailable.PORT)) {
                for (Object key : (List<?>) raw.command("KEYS", prefix + "*")) {
                    raw.command("DEL", (String) key);
                }
            } catch (IOException e) {
                // Nothing to clean when Redis is gone.
            }
        }
    }
}
