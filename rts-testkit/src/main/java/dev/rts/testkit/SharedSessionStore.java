package dev.rts.testkit;

import dev.rts.core.spi.SessionChange;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sessions shared by several servers in one JVM, the way a store shared by several processes (such as
 * {@code rts-redis}) shares them: each server gets its own {@link #node()}, and every change one of them makes is
 * reported to all of them, so a cluster test sees a sign-in or a subscription made on one server reach the sessions
 * in use on the others.
 *
 * <pre>{@code
 * SharedSessionStore sessions = new SharedSessionStore();
 * TestServer a = TestServer.builder().configure(b -> b.sessionStore(sessions.node())).service(...).start();
 * TestServer b = TestServer.builder().configure(b -> b.sessionStore(sessions.node())).service(...).start();
 * }</pre>
 *
 * <p>Thread-safe. Sessions never expire. Changes are reported on the thread that made them, after the write.
 */
public final class SharedSessionStore {

    private record Entry(StoredSession session, long position) {
    }

    private final Map<String, Entry> sessions = new HashMap<>();
    private final List<Node> nodes = new CopyOnWriteArrayList<>();

    /**
     * A new view of the shared sessions for one server, which closes it when it stops.
     *
     * @return a store to pass to {@code RtsServerBuilder.sessionStore(...)}
     */
    public SessionStore node() {
        Node node = new Node();
        nodes.add(node);
        return node;
    }

    /**
     * Reads a session as stored, for assertions.
     *
     * @param id the session id
     * @return the session, or empty
     */
    public synchronized Optional<StoredSession> stored(String id) {
        Entry entry = sessions.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.session());
    }

    private final class Node implements SessionStore {

        private volatile ChangeListener listener;

        @Override
        public Optional<StoredSession> load(String id) {
            synchronized (SharedSessionStore.this) {
                Entry entry = sessions.get(id);
                if (entry == null) {
                    return Optional.empty();
                }
                StoredSession session = entry.session();
                return Optional.of(new StoredSession(session.id(), session.createdAt(), session.userId(),
                        session.attributes(), entry.position()));
            }
        }

        @Override
        public void save(StoredSession session) {
            synchronized (SharedSessionStore.this) {
                sessions.put(session.id(), new Entry(session, 0));
            }
        }

        @Override
        public void delete(String id) {
            synchronized (SharedSessionStore.this) {
                sessions.remove(id);
            }
        }

        @Override
        public long update(SessionChange change) {
            long position;
            synchronized (SharedSessionStore.this) {
                Entry entry = sessions.get(change.sessionId());
                if (entry == null) {
                    return 0;
                }
                position = entry.position() + 1;
                sessions.put(change.sessionId(), new Entry(change.applyTo(entry.session()), position));
            }
            for (Node node : nodes) {
                ChangeListener target = node.listener;
                if (target != null) {
                    target.changed(change, position);
                }
            }
            return position;
        }

        @Override
        public void onChange(ChangeListener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            nodes.remove(this);
        }
    }
}
