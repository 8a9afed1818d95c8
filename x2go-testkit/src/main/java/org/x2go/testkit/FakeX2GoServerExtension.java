package org.x2go.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
 * field). {@link #perClass()} shares one server across the class (register it on a static field;
 * on an instance field it behaves like per-test); its sessions persist between tests, but its
 * scripted behaviour is reset and its command log cleared before each test.
 *
 * <p>Test methods may also declare parameters of type {@link FakeX2GoServer} or
 * {@link ConnectOptions}. Not meant for tests of one class running concurrently.
 */
public final class FakeX2GoServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final boolean perClass;
    private Consumer<FakeX2GoServer.Builder> customizer = b -> { };
    private volatile FakeX2GoServer server;
    private volatile boolean startedInBeforeAll;

    private FakeX2GoServerExtension(boolean perClass) {
        this.perClass = perClass;
    }

    /** @return an extension that starts a fresh server before each test and closes it after */
    public static FakeX2GoServerExtension perTest() {
        return new FakeX2GoServerExtension(false);
    }

    /** @return an extension that shares one server across the test class */
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
            server = newServer();
            startedInBeforeAll = true;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (startedInBeforeAll) {
            closeServer();
            startedInBeforeAll = false;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (startedInBeforeAll && server != null) {
            server.behaviour().reset();
            server.clearReceivedCommands();
        } else {
            server = newServer();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!startedInBeforeAll) {
            closeServer();
        }
    }

    private FakeX2GoServer newServer() {
        FakeX2GoServer.Builder b = FakeX2GoServer.builder();
        customizer.accept(b);
        return b.build().start();
    }

    private void closeServer() {
        FakeX2GoServer s = server;
        server = null;
        if (s != null) {
            s.close();
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
