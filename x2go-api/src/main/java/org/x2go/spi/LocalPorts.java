package org.x2go.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.X2GoFwTunnelException;

/**
 * The local end of a graphics tunnel, for {@link ProxyProvider} implementations: the agent's graphics port,
 * plus {@value #LOOPBACK_OFFSET} when the SSH server is on this host (the agent listens on all interfaces
 * there, so the two ports must differ), else any free port. One rule for every proxy backend. Pure except
 * {@link #isFree}.
 */
public final class LocalPorts {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPorts.class);

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

    /**
     * Opens the graphics tunnel {@code 127.0.0.1:<local>} → the server's {@code 127.0.0.1:<graphicsPort>}: on the
     * {@linkplain #preferred preferred} local port when it is free, else on any free port.
     *
     * @param shell        the SSH connection to the server
     * @param graphicsPort the agent's graphics port on the server
     * @return the open forward
     * @throws X2GoFwTunnelException when no forward can be opened, or the only one found would make the
     *                               client talk to the tunnel itself (same port on a loopback server)
     */
    public static PortForward openTunnel(RemoteShell shell, int graphicsPort) {
        OptionalInt preferred = preferred(shell.host(), graphicsPort);
        if (preferred.isPresent() && isFree(preferred.getAsInt())) {
            try {
                return shell.forwardLocal(new InetSocketAddress(IPV4_LOOPBACK, preferred.getAsInt()), "127.0.0.1",
                        graphicsPort);
            } catch (X2GoFwTunnelException e) {
                // lost a race for the port since the check: any free port will do
                LOG.debug("Preferred local port {} could not be forwarded ({}); using any free port",
                        preferred.getAsInt(), e.getMessage());
            }
        }
        PortForward forward = shell.forwardLocal(new InetSocketAddress(IPV4_LOOPBACK, 0), "127.0.0.1", graphicsPort);
        if (isLoopback(shell.host()) && forward.localAddress().getPort() == graphicsPort) {
            // impossible with a listening agent, but then the proxy would talk to itself: refuse
            forward.close();
            throw new X2GoFwTunnelException("Local tunnel port equals the server's graphics port " + graphicsPort
                    + " on loopback host " + shell.host());
        }
        return forward;
    }
}
