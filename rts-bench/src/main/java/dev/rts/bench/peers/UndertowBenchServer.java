package dev.rts.bench.peers;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The naive peer: raw Undertow WebSockets written the obvious way, one {@code sendText} per message. A message
 * starting with {@code b} is broadcast to every connected socket; anything else is echoed. Prints {@code PORT <n>}
 * once listening. Arguments: {@code [port]}.
 */
public final class UndertowBenchServer {

    private UndertowBenchServer() {
    }

    /**
     * Starts the server and blocks until the process is killed.
     *
     * @param args optional port (0: any free port)
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Set<WebSocketChannel> sockets = ConcurrentHashMap.newKeySet();
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(Handlers.websocket((exchange, channel) -> {
                    sockets.add(channel);
                    channel.addCloseTask(sockets::remove);
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected void onFullTextMessage(WebSocketChannel from, BufferedTextMessage message) {
                            String text = message.getData();
                            if (text.startsWith("b")) {
                                for (WebSocketChannel socket : sockets) {
                                    WebSockets.sendText(text, socket, null);
                                }
                            } else {
                                WebSockets.sendText(text, from, null);
                            }
                        }
                    });
                    channel.resumeReceives();
                }))
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        int bound = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        System.out.println("PORT " + bound);
        System.out.flush();
        Thread.currentThread().join();
    }
}
