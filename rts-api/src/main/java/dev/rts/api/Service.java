package dev.rts.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Realtime Service: a plain object with a server half (this class) and an optional browser half (a JavaScript
 * function expression shipped as a resource next to the class).
 *
 * <p>Services are found with {@link java.util.ServiceLoader}: a service jar names its implementation in
 * {@code META-INF/services/dev.rts.api.Service} and, on the module path, with {@code provides dev.rts.api.Service}.
 * The public no-arg constructor must do no work; work starts in {@link #start(ServiceContext)}.
 *
 * <p>Every method except {@link #start(ServiceContext)} and {@link #stop()} must be cheap and side-effect free: the
 * server may call them more than once while it builds its registry and the browser bundle.
 */
public interface Service {

    /**
     * The default mount name, used unless the app mounts the service under another name. Names are 1 to 12
     * characters of {@code [A-Za-z0-9_-]}.
     *
     * @return the default mount name, never {@code null}
     */
    String name();

    /**
     * What the server handles for this service: JSON encoding, callback correlation, sessions, binary data.
     *
     * @return the features this service uses; empty means raw strings without callbacks
     */
    default Set<Feature> features() {
        return Set.of();
    }

    /**
     * A private service is never listed to browsers and gets no browser half in the client bundle; server code and
     * other services still reach its API.
     *
     * @return {@code true} to hide this service from clients
     */
    default boolean isPrivate() {
        return false;
    }

    /**
     * Called once when the server starts, on the starting thread, before any connection is accepted. Register message
     * and connection handlers on the context here.
     *
     * @param context this service's view of the server; valid until {@link #stop()}
     * @return this service's server-side API, published in the shared {@link Api} under the mount name, or
     *         {@code null} for none
     * @throws Exception to refuse to start; the server then fails to start and names this service
     */
    default Object start(ServiceContext context) throws Exception {
        return null;
    }

    /**
     * Called once when the server stops, after the transport stopped accepting messages. Release threads, files and
     * timers here. Exceptions are logged and do not stop other services from stopping.
     */
    default void stop() {
    }

    /**
     * The browser half: a JavaScript function expression {@code function (client) { ... return clientApi; }}. The
     * default reads the resource {@code <SimpleClassName>.js} next to this class; on the module path the package that
     * holds it must be open, or this method overridden.
     *
     * @return the function expression, or empty when the service has no browser half
     * @throws UncheckedIOException if the resource exists but cannot be read
     */
    default Optional<String> clientCode() {
        String resource = getClass().getSimpleName() + ".js";
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read browser half '" + resource + "' of " + getClass().getName(), e);
        }
    }

    /**
     * JavaScript libraries the browser half needs, added to the client bundle before any service code, once each
     * (by {@link ClientAsset#name()}).
     *
     * @return the assets, in load order
     */
    default List<ClientAsset> clientAssets() {
        return List.of();
    }

    /**
     * The options sent to the browser half as {@code client.options}. The default sends none, so that server-side
     * secrets in {@link ServiceOptions} never leak; override to pick what the browser needs.
     *
     * @param options the options the app mounted this service with
     * @return JSON-encodable values, never {@code null}
     */
    default Map<String, Object> clientOptions(ServiceOptions options) {
        return Map.of();
    }
}
