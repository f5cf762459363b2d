package dev.rts.core.internal;

import dev.rts.api.Api;
import dev.rts.api.ClusterBus;
import dev.rts.api.Service;
import dev.rts.api.ServiceOptions;
import dev.rts.core.Authenticator;
import dev.rts.core.Middleware;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.Transport;
import dev.rts.core.spi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Everything the builder collected, validated.
 */
public record ServerConfig(List<Mount> mounts, boolean discoverServices, Map<String, ServiceOptions> discoveredOptions,
                           Set<String> excluded, List<Middleware> middleware, Optional<SessionStore> sessionStore,
                           Duration sessionMaxAge, Optional<ExecutorService> executor, Optional<Transport> transport,
                           TransportSettings transportSettings, int maxPendingMessages, boolean production,
                           Path root, String sessionCookieName, List<Consumer<Api>> startHooks,
                           Optional<ClusterBus> clusterBus, ServerLimits limits,
                           Optional<Authenticator> authenticator, Duration authenticationTimeout) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,12}");

    /**
     * A service mounted under a name.
     *
     * @param name    the mount name
     * @param service the service
     * @param options its options
     */
    public record Mount(String name, Service service, ServiceOptions options) {
    }

    /**
     * Checks a mount name.
     *
     * @param name  the name
     * @param owner the service class, for the message
     * @return the name
     * @throws IllegalArgumentException if it is not 1 to 12 characters of {@code [A-Za-z0-9_-]}
     */
    public static String checkName(String name, Class<?> owner) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Service name " + (name == null ? "null" : "'" + name + "'") + " of "
                    + owner.getName() + " is invalid: expected 1 to 12 characters of [A-Za-z0-9_-]");
        }
        return name;
    }
}
