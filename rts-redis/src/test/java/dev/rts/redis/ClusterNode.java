package dev.rts.redis;

import dev.rts.api.ClusterBus;
import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import dev.rts.api.Session;
import dev.rts.core.RtsServer;
import dev.rts.presence.Presence;
import dev.rts.pubsub.PubSub;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One RTS server process of a cluster test, run by {@link NodeProcess} in its own JVM. Redis is found the way an app
 * finds it: {@code rts-redis} on the class path and {@code RTS_REDIS_URL} (and {@code RTS_REDIS_PREFIX}) in the
 * environment. Mounts pub/sub (clients may subscribe to any channel), presence (tracked by server code only, with a
 * short node timeout) and {@link Control}.
 */
public final class ClusterNode {

    /**
     * Lets a test client act on its own session and publish from this node. JSON with callbacks; each message has one
     * key: {@code signIn} (a user id), {@code signOut}, {@code whoami}, {@code subscribe} and {@code unsubscribe}
     * (a channel), {@code channels}, {@code track} (a presence topic, this socket joins it), {@code members} (a presence
     * topic's keys), or {@code publish} ({@code {"to":"all"|"channel"|"user","name":..,"text":..}},
     * answered with the number of sockets reached on this node), or {@code restored} (how many times this node's
     * cluster bus has reported its link restored after an outage).
     */
    static final class Control implements Service {
        @Override
        public String name() {
            return "control";
        }

        @Override
        public Set<Feature> features() {
            return Set.of(Feature.JSON, Feature.CALLBACKS, Feature.SESSIONS);
        }

        @Override
        public Object start(ServiceContext ctx) {
            AtomicInteger restored = new AtomicInteger();
            ctx.bus().addLinkListener(new ClusterBus.LinkListener() {
                @Override
                public void linkRestored() {
                    restored.incrementAndGet();
                }
            });
            ctx.onMessage((message, request, reply) -> {
                Map<?, ?> body = message.decode(Map.class);
                Session session = request.session();
                PubSub pubsub = ctx.api().get("pubsub", PubSub.class);
                Map<String, Object> answer = new HashMap<>();
                if (body.containsKey("signIn")) {
                    session.setUserId((String) body.get("signIn"));
                } else if (body.containsKey("signOut")) {
                    session.setUserId(null);
                } else if (body.containsKey("subscribe")) {
                    pubsub.channels(session.id()).subscribe((String) body.get("subscribe"));
                } else if (body.containsKey("unsubscribe")) {
                    pubsub.channels(session.id()).unsubscribe((String) body.get("unsubscribe"));
                } else if (body.containsKey("channels")) {
                    answer.put("channels", pubsub.channels(session.id()).list());
                } else if (body.containsKey("track")) {
                    ctx.api().get("presence", Presence.class).track(request.socketId(), (String) body.get("track"),
                            Map.of());
                } else if (body.containsKey("members")) {
                    answer.put("members", ctx.api().get("presence", Presence.class).list((String) body.get("members"))
                            .stream().map(Presence.Member::key).toList());
                } else if (body.containsKey("publish")) {
                    Map<?, ?> publish = (Map<?, ?>) body.get("publish");
                    String name = (String) publish.get("name");
                    Object text = publish.get("text");
                    int reached = switch ((String) publish.get("to")) {
                        case "all" -> pubsub.all("news", text);
                        case "channel" -> pubsub.channel(name, "news", text);
                        case "user" -> pubsub.user(name, "news", text);
                        default -> throw new IllegalArgumentException("Unknown target " + publish.get("to"));
                    };
                    answer.put("reached", reached);
                } else if (body.containsKey("restored")) {
                    answer.put("restored", restored.get());
                }
                answer.put("session", session.id());
                answer.put("user", session.userId().orElse(null));
                reply.send(answer);
            });
            return null;
        }
    }

    /** How long after its last heartbeat a killed node's presence entries vanish from the others. */
    static final int NODE_TIMEOUT_SECONDS = 3;

    private ClusterNode() {
    }

    /** Starts a node on a free port, prints {@code PORT <n>}, and runs until standard input closes. */
    public static void main(String[] args) throws Exception {
        // The test's control client polls as fast as it can (controlUntil): no per-socket message rate limit here.
        RtsServer server = RtsServer.builder().discoverServices(false).host("127.0.0.1").port(0).noMessageRateLimit()
                .service(PubSub.builder().authorizer((session, channel) -> true).build())
                .service(Presence.builder().heartbeatInterval(Duration.ofMillis(500))
                        .nodeTimeout(Duration.ofSeconds(NODE_TIMEOUT_SECONDS)).build())
                .service(new Control())
                .build();
        server.start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the parent closes our standard input (or kills us).
        }
        server.stop();
    }
}
