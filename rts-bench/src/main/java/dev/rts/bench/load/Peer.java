package dev.rts.bench.load;

import dev.rts.bench.peers.RtsBenchServer;
import dev.rts.bench.peers.UndertowBenchServer;
import java.nio.file.Path;
import java.util.List;

/**
 * One server under test: how to start it and how its wire protocol spells the bench's three operations (an echo
 * with an id, a publish, an event). Add a peer by implementing this; add a scenario in {@link Scenarios}.
 */
public interface Peer {

    /** Short name for tables: {@code rts}, {@code undertow}, {@code socketio}. */
    String name();

    /** The command line that starts a fresh server; it prints {@code PORT <n>} once listening. */
    List<String> command(Path benchDir);

    /** The WebSocket request path. */
    default String path() {
        return "/";
    }

    /** The first frame the client sends once the WebSocket is open, or null. */
    default String hello() {
        return null;
    }

    /** Whether the connection is ready as soon as the WebSocket is open (no handshake of its own). */
    default boolean readyOnOpen() {
        return false;
    }

    /**
     * Handles a frame that arrives before the connection is ready.
     *
     * @return true once the connection is ready for the scenario
     */
    boolean onHandshake(WsLoop.WsConnection connection, String text);

    /** Answers protocol chatter (heartbeats) after the handshake; returns true if {@code text} was such. */
    default boolean onChatter(WsLoop.WsConnection connection, String text) {
        return false;
    }

    /** An echo request carrying {@code id} and {@code payload}. */
    String echo(long id, String payload);

    /** The id of an echo answer, or -1 if {@code text} is not one. */
    long echoId(String text);

    /** A message asking the server to send {@code payload} to every connected socket. */
    String publish(String payload);

    /** The payload of a published event, or null if {@code text} is not one. */
    String event(String text);

    /** Every peer the comparison knows. */
    static List<Peer> all() {
        return List.of(new Rts(), new Undertow(), new SocketIo());
    }

    /** Parses the decimal number starting at {@code from}; -1 if there is none. */
    static long number(String text, int from) {
        long value = 0;
        int i = from;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return i == from ? -1 : value;
    }

    /** RTS: rts-rpc {@code bench.echo} as service 1, the raw {@code fan} service as service 2. */
    final class Rts implements Peer {
        @Override
        public String name() {
            return "rts";
        }

        @Override
        public List<String> command(Path benchDir) {
            return Servers.java(RtsBenchServer.class);
        }

        @Override
        public String hello() {
            return "0|1|{\"c\":\"connect\",\"sessionId\":false}";
        }

        @Override
        public boolean onHandshake(WsLoop.WsConnection connection, String text) {
            if (text.startsWith("0|1|")) {
                return true;
            }
            throw new IllegalStateException("RTS handshake failed: " + text);
        }

        @Override
        public String echo(long id, String payload) {
            return "1|" + id + "|{\"m\":\"bench.echo\",\"p\":[\"" + payload + "\"]}";
        }

        @Override
        public long echoId(String text) {
            return text.startsWith("1|") ? number(text, 2) : -1;
        }

        @Override
        public String publish(String payload) {
            return "2|" + payload;
        }

        @Override
        public String event(String text) {
            return text.startsWith("2|") ? text.substring(2) : null;
        }
    }

    /** The naive Undertow server: {@code e<id>|payload} is echoed, {@code b<payload>} broadcast. */
    final class Undertow implements Peer {
        @Override
        public String name() {
            return "undertow";
        }

        @Override
        public List<String> command(Path benchDir) {
            return Servers.java(UndertowBenchServer.class);
        }

        /**
         * The naive server has no handshake; one echo stands in for it, so that every peer's connection has
         * exchanged a message before it counts as ready (as RTS's connect and Socket.IO's {@code 40} do).
         */
        @Override
        public String hello() {
            return "e0|hello";
        }

        @Override
        public boolean onHandshake(WsLoop.WsConnection connection, String text) {
            if (text.startsWith("e0|")) {
                return true;
            }
            throw new IllegalStateException("The Undertow peer answered its first echo with " + text);
        }

        @Override
        public String echo(long id, String payload) {
            return "e" + id + "|" + payload;
        }

        @Override
        public long echoId(String text) {
            return text.startsWith("e") ? number(text, 1) : -1;
        }

        @Override
        public String publish(String payload) {
            return "b" + payload;
        }

        @Override
        public String event(String text) {
            return text.startsWith("b") ? text.substring(1) : null;
        }
    }

    /** Socket.IO 4.8 (Engine.IO 4 over WebSocket only): events {@code echo} with an ack, {@code pub}, {@code ev}. */
    final class SocketIo implements Peer {
        private static final String EVENT = "42[\"ev\",\"";

        @Override
        public String name() {
            return "socketio";
        }

        @Override
        public List<String> command(Path benchDir) {
            return Servers.node(benchDir.resolve("socketio"));
        }

        @Override
        public String path() {
            return "/socket.io/?EIO=4&transport=websocket";
        }

        @Override
        public boolean onHandshake(WsLoop.WsConnection connection, String text) {
            if (text.startsWith("0{")) {
                connection.send("40");
                return false;
            }
            if (text.startsWith("40")) {
                return true;
            }
            if (onChatter(connection, text)) {
                return false;
            }
            throw new IllegalStateException("Socket.IO handshake failed: " + text);
        }

        @Override
        public boolean onChatter(WsLoop.WsConnection connection, String text) {
            if (text.equals("2")) {
                connection.send("3");
                return true;
            }
            return false;
        }

        @Override
        public String echo(long id, String payload) {
            return "42" + id + "[\"echo\",\"" + payload + "\"]";
        }

        @Override
        public long echoId(String text) {
            return text.startsWith("43") ? number(text, 2) : -1;
        }

        @Override
        public String publish(String payload) {
            return "42[\"pub\",\"" + payload + "\"]";
        }

        @Override
        public String event(String text) {
            return text.startsWith(EVENT) ? text.substring(EVENT.length(), text.length() - 2) : null;
        }
    }
}
