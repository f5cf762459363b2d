package dev.rts.rpc;

import dev.rts.api.Api;
import dev.rts.api.Request;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The handler the tests mount as {@code demo}. Records what it was called with, and lets tests decide when slow
 * methods finish.
 */
public class DemoActions {

    /** A point, decoded from {@code {"x":1,"y":2}}. */
    public record Point(int x, int y) {
    }

    /** A color, decoded from its name. */
    public enum Color { RED, GREEN }

    /** What methods were called with, and on which thread. */
    final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    /** Futures returned by {@link #later()}, for the test to complete. */
    final BlockingQueue<CompletableFuture<Object>> futures = new LinkedBlockingQueue<>();
    /** Responders taken by {@link #silent(Responder)}. */
    final BlockingQueue<Responder> responders = new LinkedBlockingQueue<>();
    /** Latches {@link #block(String)} waits on, by name. */
    final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();

    DemoActions() {
    }

    public int square(int n) {
        return n * n;
    }

    public long add(long a, long b) {
        return a + b;
    }

    public Point move(Point p, int dx, int dy) {
        return new Point(p.x() + dx, p.y() + dy);
    }

    public int sumX(List<Point> points) {
        return points.stream().mapToInt(Point::x).sum();
    }

    public String describe(Integer maybe, String text, boolean flag, double ratio, Color color) {
        return maybe + "|" + text + "|" + flag + "|" + ratio + "|" + color;
    }

    public Object echo(Object anything) {
        return anything;
    }

    public void nothing() {
        calls.add("nothing on " + Thread.currentThread().getName());
    }

    public void record(String what) {
        calls.add(what);
    }

    public void squareErrorFirst(int n, Responder respond) {
        respond.respond(null, n * n);
    }

    public void many(Responder respond) {
        respond.respond("a", 1, null, true);
    }

    public void none(Responder respond) {
        respond.respond();
    }

    public void silent(Responder respond) {
        responders.add(respond);
    }

    public CompletableFuture<Object> later() {
        CompletableFuture<Object> future = new CompletableFuture<>();
        futures.add(future);
        return future;
    }

    public String block(String name) throws InterruptedException {
        CountDownLatch latch = latches.computeIfAbsent(name, k -> new CountDownLatch(1));
        calls.add("started " + name);
        if (!latch.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Latch " + name + " was never released");
        }
        return name;
    }

    public String whoami(RpcCall call) {
        return call.userId().orElse("nobody");
    }

    public boolean injected(Request request, RpcCall call, Api api) {
        return request == call.request() && api.names().contains("rpc");
    }

    public void fail(String message) {
        throw new IllegalStateException(message);
    }

    public void refuse(String message) {
        throw new RpcException(message);
    }

    public Object unencodable() {
        return new Thread("not JSON");
    }

    public void npe() {
        throw new NullPointerException();
    }
}
