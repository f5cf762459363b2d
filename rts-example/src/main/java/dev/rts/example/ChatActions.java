package dev.rts.example;

import dev.rts.api.Request;
import dev.rts.pubsub.PubSub;
import dev.rts.pubsub.SessionChannels;
import dev.rts.rpc.RpcException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The example's chat, mounted as the rpc namespace {@code chat}: rooms are pub/sub channels that the caller's session
 * joins, and each message goes out as the channel event {@code chat} with one {@link ChatMessage} argument.
 *
 * <pre>
 * rts.api.rpc('chat.join', 'lobby')               answers [history]: the room's last messages, oldest first
 * rts.api.rpc('chat.send', 'lobby', 'Ann', 'hi')  answers []; every session in the room gets the event
 * rts.api.pubsub.on('chat', (message, room) => ...)
 * </pre>
 *
 * <p>Each room keeps its last messages in memory, and the server keeps a bounded number of rooms, which are never
 * closed: a small example, not a chat server. Methods run on rpc worker threads, several at once; the class is
 * thread-safe. Every public method is an rpc method, so helpers stay private.
 */
public final class ChatActions {

    /** How many rooms the server keeps by default. */
    public static final int MAX_ROOMS = 100;
    /** How many messages each room remembers by default. */
    public static final int MAX_HISTORY = 50;
    /** The longest name, in characters. */
    public static final int MAX_NAME = 40;
    /** The longest message, in characters. */
    public static final int MAX_TEXT = 500;
    /** The pub/sub event that carries a message. */
    public static final String EVENT = "chat";

    /** Plain names that are also valid channel names, which allow more. */
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final PubSub pubsub;
    private final Clock clock;
    private final int maxRooms;
    private final int maxHistory;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    /**
     * One chat message, as sent to the room and kept in its history. A record, so the JSON keys keep this order.
     *
     * @param from the sender's name
     * @param text the message
     * @param room the room it was sent to
     * @param at   when the server took it, in milliseconds since the epoch (JavaScript's {@code new Date(at)})
     */
    public record ChatMessage(String from, String text, String room, long at) {
    }

    /**
     * The chat with the default bounds: {@value #MAX_ROOMS} rooms, {@value #MAX_HISTORY} messages each.
     *
     * @param pubsub the pub/sub API that delivers the messages
     */
    public ChatActions(PubSub pubsub) {
        this(pubsub, Clock.systemUTC(), MAX_ROOMS, MAX_HISTORY);
    }

    /**
     * The chat with other bounds and clock, for tests.
     *
     * @param pubsub     the pub/sub API that delivers the messages
     * @param clock      stamps the messages
     * @param maxRooms   how many rooms the server keeps, at least 1
     * @param maxHistory how many messages each room remembers, at least 0
     */
    ChatActions(PubSub pubsub, Clock clock, int maxRooms, int maxHistory) {
        if (maxRooms < 1 || maxHistory < 0) {
            throw new IllegalArgumentException("maxRooms must be at least 1 and maxHistory at least 0 but were "
                    + maxRooms + " and " + maxHistory);
        }
        this.pubsub = Objects.requireNonNull(pubsub, "pubsub");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxRooms = maxRooms;
        this.maxHistory = maxHistory;
    }

    /**
     * {@code chat.join(room)}: subscribes the caller's session (every tab of it) to the room's channel, opening the
     * room if it is new. Joining again is harmless and answers the history again.
     *
     * @param room    the room's name: 1 to 40 letters, digits, {@code -} or {@code _}
     * @param request the caller, injected by rpc
     * @return the room's last messages, oldest first. Each message is either in it or delivered as an event after
     *         the join, never both and never neither.
     * @throws RpcException if the name is not valid, the room is new and there are too many rooms, or the session
     *                      is in too many channels
     */
    public List<ChatMessage> join(String room, Request request) {
        String name = roomName(room);
        SessionChannels channels = channels(request, "join");
        Room opened = open(name);
        // Under the room's lock, a send either comes before the subscription (and is in the history) or after it (and
        // is delivered), so the page can show the history followed by the events.
        synchronized (opened) {
            try {
                channels.subscribe(name);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new RpcException(e.getMessage());
            }
            return List.copyOf(opened.messages);
        }
    }

    /**
     * {@code chat.leave(room)}: unsubscribes the caller's session, so that none of its tabs get the room's messages.
     * Leaving a room the session is not in does nothing.
     *
     * @param room    the room's name
     * @param request the caller, injected by rpc
     * @throws RpcException if the name is not valid
     */
    public void leave(String room, Request request) {
        String name = roomName(room);
        try {
            channels(request, "leave").unsubscribe(name);
        } catch (IllegalArgumentException e) {
            throw new RpcException(e.getMessage());
        }
    }

    /**
     * {@code chat.send(room, name, text)}: sends a message to everyone in a room the caller's session joined, the
     * caller included, and remembers it in the room's history.
     *
     * @param room    the room's name
     * @param from    the sender's name, 1 to {@value #MAX_NAME} characters after stripping spaces; ignored when the
     *                caller is signed in, whose name is the one it signed in with
     * @param text    the message, 1 to {@value #MAX_TEXT} characters, not blank
     * @param request the caller, injected by rpc
     * @throws RpcException if a value is not valid or the session has not joined the room
     */
    public void send(String room, String from, String text, Request request) {
        String name = roomName(room);
        // A signed-in caller is named by the server's side of the socket; only guests choose their name.
        String sender = request.identity().claim(ExampleAuth.NAME).map(String::valueOf)
                .orElse(from == null ? "" : from.strip());
        if (sender.isEmpty()) {
            throw new RpcException("Name must not be blank; type a name before sending");
        }
        if (sender.length() > MAX_NAME) {
            throw new RpcException("Name must be at most " + MAX_NAME + " characters but was " + sender.length());
        }
        if (text == null || text.isBlank()) {
            throw new RpcException("Text must not be blank");
        }
        if (text.length() > MAX_TEXT) {
            throw new RpcException("Text must be at most " + MAX_TEXT + " characters but was " + text.length());
        }
        Room target = rooms.get(name);
        if (target == null || !joined(request, name)) {
            throw new RpcException("You have not joined room '" + name + "'; join it before sending to it");
        }
        synchronized (target) {
            ChatMessage message = new ChatMessage(sender, text, name, clock.millis());
            target.remember(message);
            pubsub.channel(name, EVENT, message);
        }
    }

    /**
     * {@code chat.rooms()}: the rooms opened so far.
     *
     * @return the room names, sorted
     */
    public List<String> rooms() {
        List<String> names = new ArrayList<>(rooms.keySet());
        names.sort(null);
        return names;
    }

    private Room open(String name) {
        Room room = rooms.get(name);
        if (room != null) {
            return room;
        }
        synchronized (rooms) {
            // Checked under the lock, so that racing joins cannot open more rooms than allowed.
            room = rooms.get(name);
            if (room == null) {
                if (rooms.size() >= maxRooms) {
                    throw new RpcException("Cannot open room '" + name + "': there are already " + maxRooms
                            + " rooms, the most this server keeps; join one of them (chat.rooms lists them)");
                }
                room = new Room(maxHistory);
                rooms.put(name, room);
            }
            return room;
        }
    }

    private boolean joined(Request request, String room) {
        try {
            return channels(request, "send").list().contains(room);
        } catch (IllegalArgumentException e) {
            throw new RpcException(e.getMessage());
        }
    }

    private SessionChannels channels(Request request, String method) {
        String session = request.sessionId().orElseThrow(() -> new RpcException("Method 'chat." + method
                + "' needs the caller's session, so it cannot be called from server code"));
        try {
            return pubsub.channels(session);
        } catch (IllegalArgumentException e) {
            throw new RpcException(e.getMessage());
        }
    }

    private static String roomName(String room) {
        if (room == null || !ROOM.matcher(room).matches()) {
            throw new RpcException("Room name must be 1 to 40 letters, digits, '-' or '_', such as 'lobby', but "
                    + (room == null ? "got none" : "was '" + shorten(room) + "'"));
        }
        return room;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    /** One room's recent messages; guarded by the room itself. */
    private static final class Room {
        private final int max;
        private final Deque<ChatMessage> messages = new ArrayDeque<>();

        Room(int max) {
            this.max = max;
        }

        void remember(ChatMessage message) {
            messages.addLast(message);
            while (messages.size() > max) {
                messages.removeFirst();
            }
        }
    }
}
