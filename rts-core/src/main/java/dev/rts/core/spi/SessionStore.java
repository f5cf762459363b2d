package dev.rts.core.spi;

import java.util.Optional;

/**
 * Keeps sessions between connections, and between server processes if it is shared. Thread-safe. Its methods may
 * block (a network store); the server calls them on worker threads only.
 *
 * <h2>Shared stores</h2>
 * A store shared by several server processes (such as the Redis one in {@code rts-redis}) also implements
 * {@link #update(SessionChange)}, so that one change writes one field instead of the whole session (two processes
 * changing different attributes of one session at once then both keep their change), and {@link #onChange}, so that
 * a session in use on several processes sees a change made on another one (a sign-in, a channel subscription)
 * without reconnecting. A store private to one process needs neither: the defaults fit it.
 *
 * <p>A shared store whose feed of changes can break (a lost connection to the other processes) tells the listener
 * {@link ChangeListener#missed()} once the feed is back, and sets {@link StoredSession#position()} in what
 * {@link #load} returns: the server then loads every session it has in use again and applies what differs, so a
 * sign-out made elsewhere meanwhile is not missed here.
 */
public interface SessionStore {

    /**
     * Loads a session and marks it as seen now, so that it does not expire while in use. A store that reports changes
     * to {@link #onChange} sets the session's {@link StoredSession#position()} to that of the last change it reflects.
     *
     * @param id the session id
     * @return the session, or empty if unknown or expired
     */
    Optional<StoredSession> load(String id);

    /**
     * Saves a session, replacing any earlier version.
     *
     * @param session the session
     */
    void save(StoredSession session);

    /**
     * Deletes a session. Deleting an unknown id does nothing.
     *
     * @param id the session id
     */
    void delete(String id);

    /**
     * Applies one change to a stored session, atomically with respect to other changes of the same session, and
     * marks the session as seen now. A store that reports changes to {@link #onChange} reports this one too, with the
     * position returned here.
     *
     * <p>The default loads the session, applies the change and saves it, which is atomic only within one process.
     *
     * @param change the change
     * @return the change's position among the changes of this session: positive and larger than that of every change
     *         of the session the store applied before; or {@code 0} if the session is not stored (expired or
     *         deleted), in which case nothing was written and the server saves the session whole
     */
    default long update(SessionChange change) {
        Optional<StoredSession> stored = load(change.sessionId());
        if (stored.isEmpty()) {
            return 0;
        }
        save(change.applyTo(stored.get()));
        return 1;
    }

    /**
     * Sets the listener for the changes that any process, this one included, applied through
     * {@link #update(SessionChange)} to a store shared with others. For one session, the listener gets the changes in
     * the store's order, with increasing positions. The server sets it once, before the first connection, and applies
     * each change to the sessions it has in use; it ignores changes whose position is not above the last it applied
     * for the same key, nor above that of the session as it last loaded it again after {@link ChangeListener#missed()}.
     *
     * <p>If the store may have failed to report some changes (its link to the other processes was lost and is back),
     * it calls {@link ChangeListener#missed()} once it reports changes again.
     *
     * <p>The listener may be called on any thread, also concurrently for different sessions; it does not block. The
     * default never calls it: the store is private to one process.
     *
     * @param listener receives a change and its position
     */
    default void onChange(ChangeListener listener) {
    }

    /**
     * Releases threads and connections. Called once when the server stops.
     */
    default void close() {
    }

    /**
     * Receives the changes a shared store reports.
     */
    @FunctionalInterface
    interface ChangeListener {

        /**
         * Handles one change. Does not block.
         *
         * @param change   the change
         * @param position its position, as {@link SessionStore#update(SessionChange)} returned it to the process
         *                 that made it
         */
        void changed(SessionChange change, long position);

        /**
         * Changes may have been made that this listener was never told of: the store's feed was interrupted (its
         * link to the other processes was lost) and is back, reporting every change from now on. Called after the
         * store reports changes again, once per interruption; does not block. The server then loads each session it
         * has in use again (on its worker threads, in batches) and applies what differs, key by key where the loaded
         * session's {@link StoredSession#position()} is not below the last change it applied, as if the missed
         * changes had arrived. The default does nothing.
         */
        default void missed() {
        }
    }
}
