package dev.rts.redis.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import dev.rts.api.LogLimiter;
import dev.rts.core.spi.SessionChange;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions in Redis, one hash per session, expiring through the key's TTL; see {@code rts-redis/README.md} for the
 * layout. An update writes one field and publishes the change, with its position, in one script, so the order of
 * the notifications is the order of the writes. Methods block up to the command timeout; they run on worker threads.
 */
public final class RedisSessionStore implements SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger("rts.redis");

    static final String CREATED = "meta:created";
    static final String USER = "meta:user";
    static final String POSITION = "meta:position";
    static final String SERVER = "meta:server";
    static final String ATTRIBUTE = "attr:";

    /**
     * ARGV: ttl, ttl of a session with no user and no attributes, this store's id. Such a session keeps the short TTL
     * only while no other server loaded it: once two servers use it, an expiry while in use would lose changes
     * between them (the store saves it whole again, which nobody hears of).
     */
    private static final String LOAD = """
            if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then return {} end
            local h = redis.call('HGETALL', KEYS[1])
            if #h == 0 then return h end
            local ttl = ARGV[1]
            local mine = false
            local used = false
            for i = 1, #h, 2 do
              if h[i] == 'meta:user' or string.sub(h[i], 1, 5) == 'attr:' then used = true end
              if h[i] == 'meta:server' and h[i + 1] == ARGV[3] then mine = true end
            end
            if mine and not used then ttl = ARGV[2] end
            redis.call('PEXPIRE', KEYS[1], ttl)
            return h""";
    private static final String SAVE = """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1""";
    /** ARGV: ttl, put or del, field, value, notification channel, notification body. */
    private static final String UPDATE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local position = redis.call('HINCRBY', KEYS[1], 'meta:position', 1)
            if ARGV[2] == 'put' then redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
            else redis.call('HDEL', KEYS[1], ARGV[3]) end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('PUBLISH', ARGV[5], position .. '|' .. ARGV[6])
            return position""";

    private final RedisLink link;
    private final String keyPrefix;
    private final String channel;
    private final byte[] ttl;
    private final byte[] anonymousTtl;
    /** Written into the sessions this store saves, so that it knows when another server loads one. */
    private final byte[] storeId = bytes(HexFormat.of().formatHex(randomBytes()));
    private final Runnable onClose;
    private final Gson gson = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .disableHtmlEscaping().serializeNulls().create();
    /** For what another app or an older version left in our keys and channel: one line per 10 s. */
    private final LogLimiter corrupt = new LogLimiter(LOG, 10_000_000_000L);
    private RedisLink.Listener subscription;
    private RedisLink.StateListener linkState;

    /**
     * Creates a store on a link.
     *
     * @param link    the link, shared with the bus
     * @param prefix  the app's key and channel prefix, such as {@code rts:}
     * @param maxAge  how long an unused session is kept
     * @param anonymousMaxAge how long an unused session with no user and no attributes is kept (capped at
     *                        {@code maxAge}), so that connects that never use their session do not pile up keys
     * @param onClose run once by {@link #close()}, to release the link
     */
    public RedisSessionStore(RedisLink link, String prefix, Duration maxAge, Duration anonymousMaxAge,
                             Runnable onClose) {
        this.link = link;
        this.keyPrefix = prefix + "session:";
        this.channel = prefix + "sessions";
        this.ttl = bytes(Long.toString(maxAge.toMillis()));
        this.anonymousTtl = bytes(Long.toString(Math.min(anonymousMaxAge.toMillis(), maxAge.toMillis())));
        this.onClose = onClose;
    }

    /** The Redis key of a session. */
    String key(String id) {
        return keyPrefix + id;
    }

    /** The Redis channel changes are published on. */
    String channel() {
        return channel;
    }

    @Override
    public Optional<StoredSession> load(String id) {
        List<Object> fields = run("load session", () -> commands().eval(LOAD, ScriptOutputType.MULTI,
                new String[] {key(id)}, ttl, anonymousTtl, storeId));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            hash.put(text(fields.get(i)), text(fields.get(i + 1)));
        }
        Instant created = createdAt(hash.get(CREATED));
        if (created == null) {
            corrupt.warn("Redis key '{}' has no '{}' field of epoch milliseconds, so it is no RTS session; treated "
                    + "as unknown", key(id), CREATED);
            return Optional.empty();
        }
        Map<String, Object> attributes = new HashMap<>();
        hash.forEach((field, value) -> {
            if (field.startsWith(ATTRIBUTE)) {
                try {
                    attributes.put(field.substring(ATTRIBUTE.length()), Objects.requireNonNull(decode(value)));
                } catch (RuntimeException e) {
                    corrupt.warn("Redis key '{}' has a field '{}' that is not JSON; the session is loaded without "
                            + "it", key(id), field);
                }
            }
        });
        return Optional.of(new StoredSession(id, created, hash.get(USER), attributes, position(hash.get(POSITION))));
    }

    /** The session's change counter; absent (no change since it was saved whole) or garbage counts as 0. */
    private static long position(String counter) {
        try {
            return counter == null ? 0 : Math.max(0, Long.parseLong(counter));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant createdAt(String millis) {
        try {
            return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void save(StoredSession session) {
        List<byte[]> args = new ArrayList<>();
        boolean anonymous = session.userId() == null && session.attributes().isEmpty();
        args.add(anonymous ? anonymousTtl : ttl);
        args.add(bytes(SERVER));
        args.add(storeId);
        args.add(bytes(CREATED));
        args.add(bytes(Long.toString(session.createdAt().toEpochMilli())));
        if (session.userId() != null) {
            args.add(bytes(USER));
            args.add(bytes(session.userId()));
        }
        session.attributes().forEach((key, value) -> {
            args.add(bytes(ATTRIBUTE + key));
            args.add(bytes(gson.toJson(value)));
        });
        run("save session", () -> commands().eval(SAVE, ScriptOutputType.INTEGER, new String[] {key(session.id())},
                args.toArray(byte[][]::new)));
    }

    @Override
    public void delete(String id) {
        run("delete session", () -> commands().del(key(id)));
    }

    @Override
    public long update(SessionChange change) {
        String op;
        String field;
        String value = "";
        JsonObject body = new JsonObject();
        body.addProperty("s", change.sessionId());
        if (change instanceof SessionChange.AttributePut put) {
            op = "put";
            field = ATTRIBUTE + put.key();
            value = gson.toJson(put.value());
            body.addProperty("put", put.key());
            body.add("value", JsonParser.parseString(value));
        } else if (change instanceof SessionChange.AttributeRemoved removed) {
            op = "del";
            field = ATTRIBUTE + removed.key();
            body.addProperty("remove", removed.key());
        } else {
            String user = ((SessionChange.UserSet) change).userId();
            op = user == null ? "del" : "put";
            field = USER;
            value = user == null ? "" : user;
            body.addProperty("user", user);
        }
        byte[][] args = {ttl, bytes(op), bytes(field), bytes(value), bytes(channel), bytes(gson.toJson(body))};
        Long position = run("update session", () -> commands().eval(UPDATE, ScriptOutputType.INTEGER,
                new String[] {key(change.sessionId())}, args));
        return position == null ? 0 : position;
    }

    /**
     * Subscribes to the sessions channel. Once the link is back after an outage (subscribed to it again), tells the
     * listener {@link ChangeListener#missed()}: changes published meanwhile never reached this server.
     */
    @Override
    public synchronized void onChange(ChangeListener listener) {
        if (subscription != null) {
            link.unsubscribe(channel, subscription);
            link.removeStateListener(linkState);
        }
        subscription = (topic, message) -> {
            Change change = decodeChange(message);
            if (change != null) {
                listener.changed(change.change(), change.position());
            }
        };
        linkState = new RedisLink.StateListener() {
            @Override
            public void lost() {
            }

            @Override
            public void restored() {
                listener.missed();
            }
        };
        link.addStateListener(linkState);
        try {
            link.subscribe(channel, subscription).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The link subscribes again when it reconnects; until then other servers' changes are not seen here.
            LOG.warn("Could not subscribe to session changes on '{}' at {} yet: {}", channel, link.url(),
                    RedisLink.rootMessage(e));
        }
    }

    private record Change(SessionChange change, long position) {
    }

    /** {@code <position>|{"s":id, "user":u | "put":key,"value":v | "remove":key}}; anything else is dropped. */
    private Change decodeChange(byte[] message) {
        String text = text(message);
        int bar = text.indexOf('|');
        try {
            long position = Long.parseLong(text.substring(0, Math.max(bar, 0)));
            JsonObject body = JsonParser.parseString(text.substring(bar + 1)).getAsJsonObject();
            String session = body.get("s").getAsString();
            SessionChange change;
            if (body.has("put")) {
                change = new SessionChange.AttributePut(session, body.get("put").getAsString(),
                        gson.fromJson(body.get("value"), Object.class));
            } else if (body.has("remove")) {
                change = new SessionChange.AttributeRemoved(session, body.get("remove").getAsString());
            } else {
                JsonElement user = body.get("user");
                change = new SessionChange.UserSet(session, user == null || user.isJsonNull() ? null
                        : user.getAsString());
            }
            return new Change(change, position);
        } catch (RuntimeException e) {
            corrupt.warn("Dropped a message on '{}' that is no session change ({} bytes): {}", channel,
                    message.length, e.getMessage());
            return null;
        }
    }

    private Object decode(String json) {
        return gson.fromJson(json, Object.class);
    }

    private RedisCommands<String, byte[]> commands() {
        return link.commands().sync();
    }

    private <T> T run(String what, java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new IllegalStateException("Session store could not " + what + ": Redis at " + link.url()
                    + " did not answer (" + RedisLink.rootMessage(e) + ")", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            link.unsubscribe(channel, subscription);
            link.removeStateListener(linkState);
            subscription = null;
            linkState = null;
        }
        onClose.run();
    }

    @Override
    public String toString() {
        return "RedisSessionStore[" + link.url() + ", keys " + keyPrefix + "*]";
    }
}
