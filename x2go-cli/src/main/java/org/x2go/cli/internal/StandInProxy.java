package org.x2go.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A stand-in for nxproxy in the headless demo: connects straight to the fake agent's graphics port
 * on loopback, sends nxproxy's greeting line with the session cookie (real-server README §9) and
 * holds the connection open. X2Go servers end a session that is suspended before a proxy attached
 * (README §8 #12); the stand-in lets the headless demo show a faithful suspend/resume. It draws
 * nothing and is only meant for the in-process fake server.
 */
public final class StandInProxy implements AutoCloseable {
    private final Socket socket;

    private StandInProxy(Socket socket) {
        this.socket = socket;
    }

    /**
     * @param host   the agent's address (loopback)
     * @param port   its graphics port
     * @param cookie the session cookie
     * @return the attached stand-in
     * @throws UncheckedIOException naming the address when the port does not accept the connection
     */
    public static StandInProxy attach(String host, int port, String cookie) {
        Objects.requireNonNull(cookie, "cookie");
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), 5000);
            OutputStream out = s.getOutputStream();
            out.write(("NXPROXY-3.5.0-3.5.99 cookie=" + cookie + ",stream=default,data=default ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new StandInProxy(s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("stand-in proxy cannot attach to " + host + ":" + port, e);
        }
    }

    /** Detaches. Idempotent. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket we own: nothing to recover
        }
    }
}
