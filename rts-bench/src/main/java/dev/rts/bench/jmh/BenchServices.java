package dev.rts.bench.jmh;

import dev.rts.api.Feature;
import dev.rts.api.Service;
import dev.rts.api.ServiceContext;
import java.util.Map;
import java.util.Set;

/**
 * The four echo services of the in-process suite, mirroring the 2013 reference suite's scenarios: plain strings, JSON,
 * JSON with callbacks, and strings that need a session. Each answers the message it got.
 */
final class BenchServices {

    private BenchServices() {
    }

    /** Raw strings: {@code 1|hello} answers {@code 1|hello}. */
    static Service plain() {
        return echo("plain", Set.of());
    }

    /** JSON: the payload is decoded into a map and encoded again. */
    static Service json() {
        return echo("json", Set.of(Feature.JSON));
    }

    /** JSON with callbacks: {@code 3|7|{...}} answers {@code 3|7|{...}}. */
    static Service callbacks() {
        return echo("callbacks", Set.of(Feature.JSON, Feature.CALLBACKS));
    }

    /** Raw strings that need a session: the handler reads the caller's session. */
    static Service sessions() {
        return echo("sessions", Set.of(Feature.SESSIONS));
    }

    private static Service echo(String name, Set<Feature> features) {
        boolean json = features.contains(Feature.JSON);
        boolean sessions = features.contains(Feature.SESSIONS);
        return new Service() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Feature> features() {
                return features;
            }

            @Override
            public Object start(ServiceContext context) {
                context.onMessage((message, request, reply) -> {
                    if (sessions) {
                        request.session().id();
                    }
                    reply.send(json ? message.decode(Map.class) : message.text());
                });
                return null;
            }
        };
    }
}
