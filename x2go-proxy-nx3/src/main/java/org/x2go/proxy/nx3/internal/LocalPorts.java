package org.x2go.proxy.nx3.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/** Choice of the local end of the graphics tunnel (spec R-PRX-2 step 2, TV-29). Pure except {@link #isFree}. */
public final class LocalPorts {
    /** Offset added to the graphics port when the server is on this host, so both ports differ. */
    public static final int LOOPBACK_OFFSET = 10000;

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "localhost.localdomain", "::1",
            "[::1]", "0:0:0:0:0:0:0:1");

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
     * @return true for the loopback names python-x2go knows and any loopback IP literal ({@code 127.0.0.0/8},
     *         {@code ::1}); host names are not resolved (no DNS look-up on the start path)
     */
    public static boolean isLoopback(String sshHost) {
        String h = sshHost.strip().toLowerCase(Locale.ROOT);
        if (LOOPBACK_NAMES.contains(h)) {
            return true;
        }
        if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return h.startsWith("127.");
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0 && h.matches("[0-9a-f:.]+")) {
            try {
                // An IPv6 literal: parsed without any name-service look-up.
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * @param sshHost      the SSH server's host
     * @param graphicsPort the agent's graphics port on the server
     * @return the preferred local port: the graphics port, plus {@value #LOOPBACK_OFFSET} when the server
     *         is on loopback; empty when that is above 65535 (then any free port is taken)
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
            // No SO_REUSEADDR: a port in TIME_WAIT or held by a wildcard listener (nxagent) counts as busy.
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(IPV4_LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
