package dev.rts.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when Redis answers on 127.0.0.1:6379. Outside CI the class is skipped with a message saying
 * how to start Redis; under CI ({@code CI=true}) a missing Redis fails it instead, so nothing is skipped silently.
 */
public final class RedisAvailable implements ExecutionCondition {

    /** The shared Redis the tests use (never stopped by a test). */
    public static final String URL = "redis://127.0.0.1:6379";
    static final int PORT = 6379;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String problem = RawRedis.ping(PORT);
        if (problem == null) {
            return ConditionEvaluationResult.enabled("Redis answers on 127.0.0.1:" + PORT);
        }
        String message = "Redis does not answer on 127.0.0.1:" + PORT + " (" + problem + "); start it with "
                + "`redis-server --daemonize yes --port 6379 --save \"\"` to run the Redis tests";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + ". Under CI these tests must run: .ci/run starts Redis");
        }
        return ConditionEvaluationResult.disabled(message + ". Skipped outside CI");
    }

    /** A prefix no other test uses, so tests never see each other's keys and channels. */
    public static String uniquePrefix() {
        return "rts-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
