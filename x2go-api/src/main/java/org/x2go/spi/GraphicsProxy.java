package org.x2go.spi;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/** A running client-side graphics proxy (e.g. {@code nxproxy}) and its SSH tunnel. */
public interface GraphicsProxy extends AutoCloseable {
    /** @return true while the proxy process runs */
    boolean isAlive();

    /** @return the local end of the graphics tunnel the proxy connects to */
    InetSocketAddress tunnelAddress();

    /** @return the local session directory ({@code ~/.x2go/S-<session>}) holding options and logs */
    Path sessionDirectory();

    /** @return the proxy's error log ({@code session.err}) */
    Path errorLog();

    /**
     * @return the file receiving the proxy process's standard output and error ({@code session.log}
     *         beside {@link #errorLog()}); kept after {@link #close()}
     */
    default Path outputLog() {
        return sessionDirectory().resolve("session.log");
    }

    /**
     * The agent's session cookie, for a gateway that attaches its own NX client to {@link #tunnelAddress()}
     * (the client sends it in its {@code NXPROXY-<version> cookie=<cookie>,...} greeting). It is a secret:
     * never log it.
     *
     * @return the cookie when this proxy hands it out (the {@code TUNNEL} backend does); empty by default
     */
    default Optional<String> sessionCookie() {
        return Optional.empty();
    }

    /** @return the exit code once the process has ended */
    OptionalInt exitCode();

    /** @param onExit called once with the exit code when the process ends (immediately if it already has) */
    void onExit(IntConsumer onExit);

    /** Stops the proxy process and closes the tunnel. Idempotent; the logs are kept. */
    @Override
    void close();
}
