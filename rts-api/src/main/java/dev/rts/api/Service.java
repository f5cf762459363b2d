package dev.rts.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Realtime Service: a plain object with a server half (this class) and an optional browser half (a JavaScript
 * function expression shipped in the jar as {@code META-INF/rts/<fully qualified class name>.js}, see
 * {@link BrowserHalf}).
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
     * other services still reach its API. Asked before and again right after {@link #start(ServiceContext)}, so that a
     * service that turned itself off (live reload in production) can stay out of discovery.
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
     * default reads {@code META-INF/rts/<fully qualified class name>.js} from this class's jar through
     * {@link BrowserHalf#find(Class)}, and has none if the file is absent; no package needs to be opened on the module
     * path. A service whose browser half must exist overrides this with
     * {@code return Optional.of(BrowserHalf.read(getClass()));}, so that a jar without it refuses to start. Called
     * once, when the server starts.
     *
     * @return the function expression, or empty when the service has no browser half
     * @throws IllegalStateException if the browser half is declared but missing, or cannot be read; the server then
     *                               refuses to start, naming this service
     */
    default Optional<String> clientCode() {
        return BrowserHalf.find(getClass());
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
