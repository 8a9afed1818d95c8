package org.x2go.proxy.tunnel.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The local end of the graphics tunnel: the graphics port, plus 10000 when the SSH server is on
 * loopback (nxagent listens on all interfaces there, so the two ports must differ), else any free port.
 * The same rule as the NX3 backend, kept here because backends do not depend on each other.
 */
public final class LocalPorts {
    /** Offset added to the graphics port when the server is on this host. */
    public static final int LOOPBACK_OFFSET = 10000;
    /** {@code 127.0.0.1}, where the tunnel listens (never all interfaces). */
    public static final InetAddress IPV4_LOOPBACK;

    static {
        try {
            IPV4_LOOPBACK = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private LocalPorts() {
    }

    /**
     * @param sshHost the SSH server's host as configured
     * @return true for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1} literals (no DNS look-up)
     */
    public static boolean isLoopback(String sshHost) {
        String h = sshHost.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("localhost.localdomain") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    /**
     * @param sshHost      the SSH server's host
     * @param graphicsPort the agent's graphics port on the server
     * @return the preferred local port, empty when it would be above 65535
     */
    public static OptionalInt preferred(String sshHost, int graphicsPort) {
        int p = isLoopback(sshHost) ? graphicsPort + LOOPBACK_OFFSET : graphicsPort;
        return p >= 1 && p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
    }

    /**
     * @param port a TCP port
     * @return true when it can be bound on {@code 127.0.0.1} right now
     */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false); // a port held by a wildcard listener (nxagent) counts as busy
            s.bind(new InetSocketAddress(IPV4_LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
