package org.x2go.proxy.nx3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.LocalPorts;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;

/**
 * Test-only {@link RemoteShell} on the OpenSSH command line: {@code ssh host cmd} per command and
 * {@code ssh -N -L} per forward. Keeps the proxy's real-server test independent of our SSH transports.
 */
final class OpenSshShell implements RemoteShell {
    private final String host;
    private final int port;
    private final String user;
    private final Path key;
    private final Path knownHosts;
    private final Path workDir;
    private final List<Process> forwards = new CopyOnWriteArrayList<>();

    OpenSshShell(String host, int port, String user, Path key, Path knownHosts, Path workDir) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.key = key;
        this.knownHosts = knownHosts;
        this.workDir = workDir;
    }

    /** The ssh command up to the destination; {@code -F /dev/null} so that no LANG/LC_* is sent. */
    List<String> sshBase(String... extra) {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-F", "/dev/null",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "ConnectTimeout=10",
                "-o", "ServerAliveInterval=5", "-i", key.toString(), "-p", Integer.toString(port)));
        cmd.addAll(List.of(extra));
        cmd.add(user + "@" + host);
        return cmd;
    }

    @Override
    public CommandResult exec(String command, Duration timeout) {
        List<String> cmd = sshBase();
        cmd.add(command);
        try {
            Path out = Files.createTempFile(workDir, "ssh", ".out");
            Path err = Files.createTempFile(workDir, "ssh", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new X2GoTimeOutException("ssh command did not finish in " + timeout + ": " + command);
            }
            return new CommandResult(Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), p.exitValue());
        } catch (IOException e) {
            throw new X2GoControlSessionException("ssh failed for: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new X2GoControlSessionException("interrupted: " + command, e);
        }
    }

    @Override
    public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
        int local = bind.getPort() != 0 ? bind.getPort() : anyFreePort();
        String spec = bind.getAddress().getHostAddress() + ":" + local + ":" + remoteHost + ":" + remotePort;
        Process p;
        try {
            Path log = Files.createTempFile(workDir, "ssh-L", ".log");
            p = new ProcessBuilder(sshBase("-N", "-o", "ExitOnForwardFailure=yes", "-L", spec))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new X2GoFwTunnelException("cannot start ssh -L " + spec, e);
        }
        // Ready once ssh holds the local port. Never probe by connecting: every connection becomes a
        // direct-tcpip channel to nxagent, which accepts exactly one.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (LocalPorts.isFree(local)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new X2GoFwTunnelException("ssh -L " + spec + " did not come up");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        forwards.add(p);
        InetSocketAddress address = new InetSocketAddress(bind.getAddress(), local);
        Process proc = p;
        return new PortForward() {
            @Override
            public InetSocketAddress localAddress() {
                return address;
            }

            @Override
            public void close() {
                stop(proc);
            }
        };
    }

    /** @return true while any forward process still runs */
    boolean anyForwardAlive() {
        return forwards.stream().anyMatch(Process::isAlive);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int anyFreePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(LocalPorts.IPV4_LOOPBACK, 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SftpSession openSftp() {
        throw new UnsupportedOperationException("not needed by the proxy test");
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String username() {
        return user;
    }

    @Override
    public void close() {
        forwards.forEach(OpenSshShell::stop);
    }
}
