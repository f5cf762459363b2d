package dev.rts.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rts.core.spi.SessionChange;
import dev.rts.core.spi.SessionStore;
import dev.rts.core.spi.StoredSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a session in use applies the changes a shared store reports, in the store's order. */
@Timeout(10)
class LiveSessionTest {

    /** Numbers every update like a shared store; can pretend the session expired. */
    static final class CountingStore implements SessionStore {
        final List<SessionChange> updates = new ArrayList<>();
        final List<StoredSession> saves = new ArrayList<>();
        long position;
        boolean expired;

        @Override
        public Optional<StoredSession> load(String id) {
            return Optional.empty();
        }

        @Override
        public void save(StoredSession session) {
            saves.add(session);
            expired = false;
            position = 0;
        }

        @Override
        public void delete(String id) {
        }

        @Override
        public long update(SessionChange change) {
            if (expired) {
                return 0;
            }
            updates.add(change);
            return ++position;
        }
    }

    private final CountingStore store = new CountingStore();
    private final List<String> previousUsers = new ArrayList<>();
    private final LiveSession session = new LiveSession(
            new StoredSession("s1234567890123456", Instant.EPOCH, null, Map.of()), store,
            (s, previous) -> previousUsers.add(previous == null ? "none" : previous));

    @Test
    void eachWriteIsOneChangeNotTheWholeSession() {
        session.put("a", 1);
        session.remove("a");
        session.setUserId("ann");

        assertThat(store.updates).containsExactly(new SessionChange.AttributePut("s1234567890123456", "a", 1),
                new SessionChange.AttributeRemoved("s1234567890123456", "a"),
                new SessionChange.UserSet("s1234567890123456", "ann"));
        assertThat(store.saves).isEmpty();
    }

    @Test
    void theEchoOfAnOlderWriteDoesNotUndoANewerOne() {
        session.put("channels", List.of("a"));
        session.put("channels", List.of("a", "b"));

        boolean applied = session.apply(new SessionChange.AttributePut(session.id(), "channels", List.of("a")), 1);

        assertThat(applied).isFalse();
        assertThat(session.get("channels")).contains(List.of("a", "b"));
    }

    @Test
    void aNewerChangeFromElsewhereReplacesTheValueAndTheUser() {
        session.put("theme", "light");

        assertThat(session.apply(new SessionChange.AttributePut(session.id(), "theme", "dark"), 2)).isTrue();
        assertThat(session.apply(new SessionChange.UserSet(session.id(), "bob"), 3)).isTrue();

        assertThat(session.get("theme")).contains("dark");
        assertThat(session.userId()).contains("bob");
        assertThat(previousUsers).containsExactly("none");
    }

    @Test
    void positionsAreKeptPerKeySoAnOlderChangeOfAnotherKeyStillApplies() {
        session.put("a", "mine");
        session.put("b", "mine");

        assertThat(session.apply(new SessionChange.AttributePut(session.id(), "a", "theirs"), 1)).isFalse();
        assertThat(session.apply(new SessionChange.AttributePut(session.id(), "c", "theirs"), 1)).isTrue();
        assertThat(session.get("c")).contains("theirs");
    }

    @Test
    void aSessionTheStoreLostIsSavedWholeAndItsPositionsStartAgain() {
        session.put("a", 1);
        store.expired = true;

        session.put("b", 2);

        assertThat(store.saves).singleElement()
                .satisfies(saved -> assertThat(saved.attributes()).containsEntry("a", 1).containsEntry("b", 2));
        assertThat(session.apply(new SessionChange.AttributePut(session.id(), "a", 3), 1)).isTrue();
    }
}
