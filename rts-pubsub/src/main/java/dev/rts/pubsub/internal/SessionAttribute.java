package dev.rts.pubsub.internal;

import dev.rts.api.Session;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * A session's channels as a session attribute: a JSON list of names, in subscription order, absent when empty.
 *
 * @param key the attribute key, {@code <mount name>.channels}
 * @param log where to report an attribute that is not a list of names
 */
record SessionAttribute(String key, Logger log) {

    /** Reads the channels; a value of the wrong shape counts as none, with a warning. */
    Set<String> read(Session session) {
        Optional<Object> value = session.get(key);
        Set<String> channels = new LinkedHashSet<>();
        if (value.isEmpty()) {
            return channels;
        }
        if (value.get() instanceof List<?> list) {
            for (Object name : list) {
                if (name instanceof String channel) {
                    channels.add(channel);
                } else {
                    log.warn("Session {} attribute '{}' holds a {} where channel names belong; ignored",
                            Names.session(session.id()), key, name == null ? "null" : name.getClass().getSimpleName());
                }
            }
        } else {
            log.warn("Session {} attribute '{}' should be a list of channel names but is a {}; treated as empty",
                    Names.session(session.id()), key, value.get().getClass().getSimpleName());
        }
        return channels;
    }

    /** Writes the channels, removing the attribute when there are none. */
    void write(Session session, Set<String> channels) {
        if (channels.isEmpty()) {
            session.remove(key);
        } else {
            session.put(key, List.copyOf(channels));
        }
    }
}
