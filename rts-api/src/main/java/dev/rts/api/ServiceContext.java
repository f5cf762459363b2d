package dev.rts.api;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * A service's view of the server, handed to {@link Service#start(ServiceContext)}.
 *
 * <p>Handlers must be registered during {@code start}; registering later throws {@link IllegalStateException}.
 * Sending is thread-safe and never blocks: frames are queued per connection, and a connection whose queue is full is
 * closed rather than allowed to grow without bound. Sending after the server stopped does nothing and returns
 * {@code false} or {@code 0}. Services with {@link Feature#BINARY} send bytes with the {@code sendBytes} and
 * {@link #broadcastBytes(ByteBuffer)} methods, which copy the payload once into a frame shared by every target.
 */
public interface ServiceContext {

    /**
     * The name this service is mounted under.
     *
     * @return the mount name
     */
    String name();

    /**
     * The numeric id of this service on the wire, assigned in registration order ({@code 0} is the system service).
     *
     * @return the service id, at least 1
     */
    int id();

    /**
     * The options the app mounted this service with.
     *
     * @return the options, empty when none were given
     */
    ServiceOptions options();

    /**
     * A logger named {@code rts.<mount name>}.
     *
     * @return the logger
     */
    Logger logger();

    /**
     * This service's own directory for data files, {@code <server root>/<mount name>}. It is not created for the
     * service; create it if you need it.
     *
     * @return an absolute path
     */
    Path root();

    /**
     * The shared object holding every service's server-side API. Services started earlier are present during
     * {@code start}; all are present once the server has started.
     *
     * @return the shared api
     */
    Api api();

    /**
     * The server's JSON codec, the same one that decodes this service's messages.
     *
     * @return the codec
     */
    Json json();

    /**
     * The server's worker executor. Use it for work that may block, never an I/O thread.
     *
     * @return the executor
     */
    Executor executor();

    /**
     * This service's view of the server's {@link ClusterBus}, which carries messages between the server processes
     * of the app. Topics are relative to the service: the view puts {@code <mount name>:} in front of every topic
     * and takes it off again for listeners, so the same service on every node shares its topics and no other service
     * sees them. {@link ClusterBus#nodeId()} is the server's node id. When the service stops, the server removes the
     * subscriptions and link listeners it left behind. Without a bus configured for the app, this is a private
     * in-process bus that reaches this server only.
     *
     * @return the view; the same object for the service's whole run
     */
    ClusterBus bus();

    /**
     * Whether the app declared that it runs in production. Development tools (live reload, verbose errors) stay off in
     * production unless explicitly enabled.
     *
     * @return {@code true} in production; {@code false} in development, the default
     */
    boolean production();

    /**
     * The connections currently open on this server process, with their sessions and users.
     *
     * @return a live, thread-safe view
     */
    Connections connections();

    /**
     * Sets the handler for this service's inbound messages, replacing any earlier one. It is called on a worker
     * thread; per connection, messages reach it one at a time in arrival order. An exception it throws is logged with
     * the service name and socket id, and the socket gets an error frame; the connection stays open.
     *
     * @param handler the handler, not {@code null}
     */
    void onMessage(MessageHandler handler);

    /**
     * Adds a listener called on a worker thread once a connection has a session, just before the handshake answer is
     * sent: frames the listener sends to the socket arrive before the client sees itself connected.
     *
     * @param listener the listener, not {@code null}
     */
    void onConnect(Consumer<ConnectionEvent> listener);

    /**
     * Adds a listener called on a worker thread after a connection that had completed the handshake closed. It runs
     * after every message handler call for that connection has returned.
     *
     * @param listener the listener, not {@code null}
     */
    void onDisconnect(Consumer<ConnectionEvent> listener);

    /**
     * Adds a listener called when a session's user id changes through {@link Session#setUserId(String)}, on this
     * process or, with a shared session store, on another one for a session that has sockets here.
     *
     * @param listener the listener, not {@code null}
     */
    void onUserChange(Consumer<UserChange> listener);

    /**
     * Adds a listener called on a worker thread when another server process changed an attribute of a session that
     * has sockets on this one, once the session here shows the new value. This happens only with a session store
     * shared by several processes (such as {@code rts-redis}): a service that keeps an index built from an attribute
     * (pub/sub's channel subscriptions) brings it up to date here. Changes made on this process are not reported, the
     * code that made them knows; sign-ins and sign-outs on another process go to {@link #onUserChange}.
     *
     * @param listener the listener, not {@code null}
     */
    void onAttributeChange(Consumer<AttributeChange> listener);

    /**
     * Sends a message to one socket, without callback id. JSON services have the message encoded; other services send
     * {@code message.toString()}.
     *
     * @param socketId the target socket
     * @param message  the message, not {@code null}
     * @return {@code true} if the frame was queued, {@code false} if the socket is unknown or closed
     */
    boolean send(String socketId, Object message);

    /**
     * Sends one message to many sockets. It is encoded once and the same frame is queued for each socket; unknown
     * socket ids are skipped.
     *
     * @param socketIds the targets
     * @param message   the message, not {@code null}
     * @return how many sockets the frame was queued for
     */
    int send(Collection<String> socketIds, Object message);

    /**
     * Sends one message to every connection that has completed the handshake on this server process, encoded once.
     *
     * @param message the message, not {@code null}
     * @return how many sockets the frame was queued for
     */
    int broadcast(Object message);

    /**
     * Sends bytes to one socket as a binary frame, without callback id.
     *
     * @param socketId the target socket
     * @param payload  the bytes from its position to its limit, copied once; its position is not changed, and it may
     *                 be reused once this returns
     * @return {@code true} if the frame was queued, {@code false} if the socket is unknown or closed
     * @throws IllegalStateException if the service does not use {@link Feature#BINARY}
     */
    boolean sendBytes(String socketId, ByteBuffer payload);

    /**
     * Sends the same bytes to many sockets: one binary frame is built and queued for each socket, never one copy per
     * socket; unknown socket ids are skipped.
     *
     * @param socketIds the targets
     * @param payload   the bytes from its position to its limit, copied once; its position is not changed
     * @return how many sockets the frame was queued for
     * @throws IllegalStateException if the service does not use {@link Feature#BINARY}
     */
    int sendBytes(Collection<String> socketIds, ByteBuffer payload);

    /**
     * Sends the same bytes to every connection that has completed the handshake on this server process, as one
     * shared binary frame.
     *
     * @param payload the bytes from its position to its limit, copied once; its position is not changed
     * @return how many sockets the frame was queued for
     * @throws IllegalStateException if the service does not use {@link Feature#BINARY}
     */
    int broadcastBytes(ByteBuffer payload);
}
