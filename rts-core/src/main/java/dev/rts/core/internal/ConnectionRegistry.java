package dev.rts.core.internal;

import dev.rts.api.AttributeChange;
import dev.rts.api.Connections;
import dev.rts.api.Session;
import dev.rts.api.UserChange;
import dev.rts.core.spi.SessionChange;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open connections, the sessions in use by them, and the session and user indexes. Binding and unbinding are
 * serialised on this object (they are rare); lookups are lock-free.
 */
final class ConnectionRegistry implements Connections {

    private static final Logger LOG = LoggerFactory.getLogger("rts.core");
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ConnectionState> open = new ConcurrentHashMap<>();
    private final Map<String, ConnectionState> ready = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> socketsBySession = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sessionsByUser = new ConcurrentHashMap<>();
    private final Map<String, LiveSession> live = new ConcurrentHashMap<>();
    private final SessionStore store;
    private final Clock clock;
    private final Consumer<UserChange> userListeners;
    private final Consumer<AttributeChange> attributeListeners;
    private final AddressLimiter newSessions;
    private volatile SessionReload reload;

    /**
     * @param newSessions limits new sessions per remote address, or {@code null} for no limit
     */
    ConnectionRegistry(SessionStore store, Clock clock, Consumer<UserChange> userListeners,
                       Consumer<AttributeChange> attributeListeners, AddressLimiter newSessions) {
        this.store = store;
        this.clock = clock;
        this.userListeners = userListeners;
        this.attributeListeners = attributeListeners;
        this.newSessions = newSessions;
    }

    /**
     * Applies the changes a shared store reports to the sessions in use here. They are handed to the workers, one at a
     * time in the store's order (the store's thread must not block, and listeners may), at most
     * {@code maxPending} waiting; past that a change is dropped with an error and the sessions in use here are loaded
     * again, as when the store says its feed may have missed changes ({@link SessionReload}).
     */
    void followStore(Executor workers, int maxPending, Consumer<Error> fatalErrorHandler) {
        SerialExecutor changes = new SerialExecutor(workers, maxPending, fatalErrorHandler);
        SessionReload reload = new SessionReload(store, workers, changes, () -> List.copyOf(live.keySet()),
                live::containsKey, this::applyReloaded);
        this.reload = reload;
        store.onChange(new SessionStore.ChangeListener() {
            @Override
            public void changed(SessionChange change, long position) {
                if (!live.containsKey(change.sessionId())) {
                    return;
                }
                if (!changes.tryExecute(() -> applyStoreChange(change, position))) {
                    LOG.error("Dropped a session change from the store: more than {} wait to be applied; the "
                            + "sessions in use here will be loaded again", maxPending);
                    reload.request();
                }
            }

            @Override
            public void missed() {
                reload.request();
            }
        });
    }

    /** Stops reloading sessions after the store's feed was interrupted; the server is stopping. */
    void stopFollowingStore() {
        SessionReload reload = this.reload;
        if (reload != null) {
            reload.stop();
        }
    }

    /** The reloads of sessions after the store's feed was interrupted, or {@code null} if not following the store. */
    SessionReload reload() {
        return reload;
    }

    private void applyStoreChange(SessionChange change, long position) {
        LiveSession session = live.get(change.sessionId());
        if (session == null || !session.apply(change, position)) {
            return;
        }
        if (change instanceof SessionChange.AttributePut put) {
            attributeListeners.accept(new AttributeChange(put.sessionId(), put.key()));
        } else if (change instanceof SessionChange.AttributeRemoved removed) {
            attributeListeners.accept(new AttributeChange(removed.sessionId(), removed.key()));
        }
    }

    /** Applies a session the store loaded again to the one in use here, telling listeners what differed. */
    private boolean applyReloaded(StoredSession loaded) {
        LiveSession session = live.get(loaded.id());
        if (session == null) {
            return false;
        }
        Optional<String> userBefore = session.userId();
        Set<String> keys = session.reload(loaded);
        for (String key : keys) {
            attributeListeners.accept(new AttributeChange(loaded.id(), key));
        }
        return !keys.isEmpty() || !userBefore.equals(session.userId());
    }

    void opened(ConnectionState state) {
        open.put(state.id(), state);
    }

    ConnectionState openState(String socketId) {
        return open.get(socketId);
    }

    ConnectionState readyState(String socketId) {
        return ready.get(socketId);
    }

    Iterable<ConnectionState> readyStates() {
        return ready.values();
    }

    /**
     * Binds a socket to the session it presented, or to a new one if that is unknown, expired or malformed (so a
     * client can never choose its own session id), or, on a server that authenticates, if its user is not the
     * socket's admitted user (a new session starts with the socket's user). Runs on a worker thread: the store may block.
     *
     * @return the session, or {@code null} if a new session was needed and the address created too many lately
     */
    LiveSession bind(ConnectionState state, Object presentedId) {
        LiveSession session = null;
        if (presentedId instanceof String id && SESSION_ID.matcher(id).matches()) {
            session = live.get(id);
            if (session == null) {
                session = store.load(id).map(this::liveSession).orElse(null);
            }
        }
        String user = state.identity.userId().orElse(null);
        if (session != null && state.authenticated && !Objects.equals(session.userId().orElse(null), user)) {
            // The admitted user decides: a session planted in this browser, or stolen from another, never lends
            // this socket someone else's sign-in, and a signed-in session is never shared with another socket's user.
            session = null;
        }
        if (session == null) {
            if (newSessions != null && !newSessions.tryAcquire(state.connection.clientIp())) {
                return null;
            }
            StoredSession fresh = new StoredSession(newSessionId(), clock.instant(), user, Map.of());
            store.save(fresh);
            session = liveSession(fresh);
        }
        synchronized (this) {
            LiveSession shared = live.putIfAbsent(session.id(), session);
            if (shared != null) {
                session = shared;
            }
            socketsBySession.merge(session.id(), Set.of(state.id()), ConnectionRegistry::union);
            String sessionUser = session.userId().orElse(null);
            if (sessionUser != null) {
                index(sessionUser, session.id());
            }
            state.session = session;
            if (!state.closed) {
                ready.put(state.id(), state);
            }
        }
        return session;
    }

    /** Forgets a closed socket; drops its session from memory when it was the session's last socket here. */
    void unbind(ConnectionState state) {
        LiveSession released = release(state);
        if (released != null) {
            // A live session is never loaded from the store, so the store's last-seen time is stale: refresh it by
            // loading it, or a session in use for longer than the max age would expire the moment its last socket
            // closed. Saving it whole would also do, but in a store shared by several processes it would overwrite
            // changes another process made meanwhile; only a session the store lost is saved again.
            try {
                if (store.load(released.id()).isEmpty()) {
                    store.save(released.snapshot());
                }
            } catch (RuntimeException e) {
                LOG.error("Session store failed to save {} after its last socket closed", released, e);
            }
        }
    }

    /** Returns the session if this was its last socket here. */
    private synchronized LiveSession release(ConnectionState state) {
        open.remove(state.id());
        ready.remove(state.id());
        LiveSession session = state.session;
        if (session == null) {
            return null;
        }
        Set<String> sockets = socketsBySession.get(session.id());
        if (sockets != null) {
            Set<String> rest = without(sockets, state.id());
            if (!rest.isEmpty()) {
                socketsBySession.put(session.id(), rest);
            } else {
                socketsBySession.remove(session.id());
                live.remove(session.id());
                session.userId().ifPresent(user -> unindex(user, session.id()));
                return session;
            }
        }
        return null;
    }

    /*
     * A session's sockets are an immutable set, replaced under this registry's lock: most sessions have one socket,
     * and Set.of(id) is a few bytes where a concurrent set with its table is a few hundred, held by every idle socket.
     * Readers see a consistent snapshot without copying.
     */
    private static Set<String> union(Set<String> sockets, Set<String> more) {
        Set<String> all = new HashSet<>(sockets);
        all.addAll(more);
        return Set.copyOf(all);
    }

    private static Set<String> without(Set<String> sockets, String socketId) {
        if (!sockets.contains(socketId)) {
            return sockets;
        }
        Set<String> rest = new HashSet<>(sockets);
        rest.remove(socketId);
        return Set.copyOf(rest);
    }

    private LiveSession liveSession(StoredSession stored) {
        return new LiveSession(stored, store, this::userChanged);
    }

    private void userChanged(LiveSession session, String previous) {
        String current = session.userId().orElse(null);
        synchronized (this) {
            if (previous != null) {
                unindex(previous, session.id());
            }
            if (current != null && socketsBySession.containsKey(session.id())) {
                index(current, session.id());
            }
        }
        userListeners.accept(new UserChange(session.id(), previous, current));
    }

    private void index(String user, String sessionId) {
        sessionsByUser.computeIfAbsent(user, k -> ConcurrentHashMap.newKeySet()).add(sessionId);
    }

    private void unindex(String user, String sessionId) {
        Set<String> sessions = sessionsByUser.get(user);
        if (sessions != null) {
            sessions.remove(sessionId);
            if (sessions.isEmpty()) {
                sessionsByUser.remove(user);
            }
        }
    }

    static String newSessionId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public int count() {
        return ready.size();
    }

    @Override
    public Set<String> socketIds() {
        return Set.copyOf(ready.keySet());
    }

    @Override
    public Optional<String> sessionOf(String socketId) {
        ConnectionState state = ready.get(socketId);
        return state == null ? Optional.empty() : Optional.of(state.session.id());
    }

    @Override
    public Set<String> socketsOfSession(String sessionId) {
        Set<String> sockets = socketsBySession.get(sessionId);
        return sockets == null ? Set.of() : sockets;
    }

    @Override
    public Set<String> socketsOfUser(String userId) {
        Set<String> sessions = sessionsByUser.get(userId);
        if (sessions == null) {
            return Set.of();
        }
        Set<String> sockets = new HashSet<>();
        for (String session : sessions) {
            Set<String> ofSession = socketsBySession.get(session);
            if (ofSession != null) {
                sockets.addAll(ofSession);
            }
        }
        return sockets;
    }

    @Override
    public Optional<Session> session(String sessionId) {
        LiveSession session = live.get(sessionId);
        if (session != null) {
            return Optional.of(session);
        }
        return store.load(sessionId).map(this::liveSession);
    }
}
