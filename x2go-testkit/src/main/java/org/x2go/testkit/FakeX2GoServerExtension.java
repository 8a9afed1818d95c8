package org.x2go.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.x2go.api.ConnectOptions;

/**
 * JUnit 5 extension that runs a {@link FakeX2GoServer} for a test class, in the style of
 * OpenTelemetry's {@code OpenTelemetryExtension}:
 *
 * <pre>{@code
 * class MyTest {
 *     @RegisterExtension
 *     static final FakeX2GoServerExtension X2GO = FakeX2GoServerExtension.perClass();
 *
 *     @Test
 *     void lists() {
 *         X2GO.sessions().startExternally('R', "xterm");
 *         ConnectOptions options = X2GO.connectOptions();  // host, port, user, key, known_hosts
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #perTest()} gives every test a fresh server (register it on an instance or a static
 * field). {@link #perClass()} shares one server across the class and its {@code @Nested} classes
 * (register it on a static field; on an instance field it behaves like per-test); its sessions persist
 * between tests, but its scripted behaviour is reset and its command log cleared before each test. The
 * server lives in the JUnit extension store of the context that started it and is closed (threads
 * stopped, temporary directory deleted) when that context ends.
 *
 * <p>Test methods may also declare parameters of type {@link FakeX2GoServer} or
 * {@link ConnectOptions}. Not meant for tests of one class running concurrently.
 */
public final class FakeX2GoServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final String KEY = "server";

    private final boolean perClass;
    private final Namespace namespace = Namespace.create(FakeX2GoServerExtension.class, new Object());
    private Consumer<FakeX2GoServer.Builder> customizer = b -> { };
    /** The server of the innermost running test or class, for the accessors that have no context. */
    private volatile FakeX2GoServer server;

    private FakeX2GoServerExtension(boolean perClass) {
        this.perClass = perClass;
    }

    /** @return an extension that starts a fresh server before each test and closes it after */
    public static FakeX2GoServerExtension perTest() {
        return new FakeX2GoServerExtension(false);
    }

    /**
     * @return an extension that shares one server across the test class and its {@code @Nested} classes
     */
    public static FakeX2GoServerExtension perClass() {
        return new FakeX2GoServerExtension(true);
    }

    /**
     * Adjusts the server before it is built (user, password, extra keys, clock, host name, ...).
     *
     * @param customizer changes to the builder
     * @return this
     */
    public FakeX2GoServerExtension configure(Consumer<FakeX2GoServer.Builder> customizer) {
        this.customizer = this.customizer.andThen(Objects.requireNonNull(customizer, "customizer"));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            // The store looks in the enclosing classes' stores first: a @Nested class finds the outer
            // class's server instead of starting a second one, and only the class that started it closes it
            // (JUnit closes the resource when that class's context ends).
            server = context.getStore(namespace).getOrComputeIfAbsent(KEY, k -> new Running(newServer()),
                    Running.class).server;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Running shared = context.getStore(namespace).get(KEY, Running.class);
        if (shared != null) {
            shared.server.behaviour().reset();
            shared.server.clearReceivedCommands();
            server = shared.server;
        } else {
            // per test, or perClass() on an instance field: the method's context closes it after the test
            Running fresh = new Running(newServer());
            context.getStore(namespace).put(KEY, fresh);
            server = fresh.server;
        }
    }

    private FakeX2GoServer newServer() {
        FakeX2GoServer.Builder b = FakeX2GoServer.builder();
        customizer.accept(b);
        return b.build().start();
    }

    /**
     * A server in the extension store; JUnit closes it when the context that holds it ends. Both interfaces:
     * JUnit 5.13+ closes {@link AutoCloseable} values, older 5.x only {@code CloseableResource} ones; either
     * way it is closed once.
     */
    @SuppressWarnings("deprecation")
    private final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final FakeX2GoServer server;

        Running(FakeX2GoServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            if (FakeX2GoServerExtension.this.server == server) {
                FakeX2GoServerExtension.this.server = null;
            }
            server.close();
        }
    }

    /**
     * @return the running server
     * @throws IllegalStateException outside a test
     */
    public FakeX2GoServer server() {
        FakeX2GoServer s = server;
        if (s == null) {
            throw new IllegalStateException("no fake X2Go server running: use it inside a test, and register "
                    + "perClass() extensions on a static field to use them in @BeforeAll");
        }
        return s;
    }

    /** @return client options for the server: host, port, user, client key, known_hosts */
    public ConnectOptions connectOptions() {
        return server().connectOptions().build();
    }

    /** @return a builder pre-filled like {@link #connectOptions()}, to adjust before building */
    public ConnectOptions.Builder connectOptionsBuilder() {
        return server().connectOptions();
    }

    /** @return the server's sessions */
    public FakeSessions sessions() {
        return server().sessions();
    }

    /** @return the server's scriptable behaviour */
    public ServerBehaviour behaviour() {
        return server().behaviour();
    }

    /** @return every command line the server received (in this test, for per-class servers) */
    public List<String> receivedCommands() {
        return server().receivedCommands();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> t = parameterContext.getParameter().getType();
        return t == FakeX2GoServer.class || t == ConnectOptions.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> t = parameterContext.getParameter().getType();
        return t == FakeX2GoServer.class ? server() : connectOptions();
    }
}
