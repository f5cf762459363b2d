package dev.rts.redis;

/**
 * How a server's link to Redis is, for a health check.
 *
 * @param url          where it connects, password hidden
 * @param connected    whether both connections (commands and subscriptions) are up now; while {@code false}, local
 *                     delivery goes on, events for other servers are lost, and the link reconnects with backoff
 * @param lostMessages messages published while Redis did not take them, since the link opened (pub/sub is at most
 *                     once: they are not sent later)
 */
public record RedisHealth(String url, boolean connected, long lostMessages) {
}
