package dev.rts.testkit;

import dev.rts.api.Api;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 support: starts a {@link TestServer} before each test (or once per class) and stops it after, and injects
 * {@link TestServer}, {@link Api} and fresh connected {@link TestClient}s into test method parameters. Injected clients
 * are closed when the method they were injected into ends.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RtsExtension rts = RtsExtension.perMethod(server -> server.service(new EchoService()));
 *
 * @Test
 * void echoes(TestClient alice, TestClient bob) { ... }
 * }</pre>
 *
 * <p>Per-class servers need the extension in a static field; {@code @Nested} classes share the enclosing class's
 * server, which stops after the outermost class.
 */
public final class RtsExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final Consumer<TestServer.Builder> setup;
    private final boolean perClass;
    /** Classes running with the per-class server: JUnit calls the class callbacks for each {@code @Nested} class too. */
    private final AtomicInteger classes = new AtomicInteger();
    private volatile TestServer server;

    private RtsExtension(Consumer<TestServer.Builder> setup, boolean perClass) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.perClass = perClass;
    }

    /**
     * A fresh server for every test method.
     *
     * @param setup configures the server: services, options, middleware
     * @return the extension
     */
    public static RtsExtension perMethod(Consumer<TestServer.Builder> setup) {
        return new RtsExtension(setup, false);
    }

    /**
     * One server for all tests of a class (register it in a static field).
     *
     * @param setup configures the server
     * @return the extension
     */
    public static RtsExtension perClass(Consumer<TestServer.Builder> setup) {
        return new RtsExtension(setup, true);
    }

    /**
     * The running server.
     *
     * @return the server
     * @throws IllegalStateException outside a test
     */
    public TestServer server() {
        TestServer current = server;
        if (current == null) {
            throw new IllegalStateException("No RTS test server is running; server() works inside tests only");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass && classes.getAndIncrement() == 0) {
            server = start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass && classes.decrementAndGet() == 0) {
            stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            server = start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private TestServer start() {
        TestServer.Builder builder = TestServer.builder();
        setup.accept(builder);
        return builder.start();
    }

    private void stop() {
        TestServer current = server;
        server = null;
        if (current != null) {
            current.stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestServer.class || type == Api.class || type == TestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == TestServer.class) {
            return server();
        }
        if (type == Api.class) {
            return server().api();
        }
        TestClient client = server().client();
        // Closed when the test method (or the lifecycle method it was injected into) ends: a per-class server must not
        // keep one test's clients connected into the next, where they would count as connections and recipients.
        // The client itself is the store's resource: JUnit (5.13 and later) closes stored AutoCloseables.
        context.getStore(ExtensionContext.Namespace.create(RtsExtension.class, this)).put(client, client);
        return client;
    }
}
