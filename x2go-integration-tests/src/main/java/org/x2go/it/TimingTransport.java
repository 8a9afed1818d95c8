package org.x2go.it;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.x2go.api.ConnectOptions;
import org.x2go.spi.CommandResult;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;
import org.x2go.spi.SshTransport;

/**
 * Wraps a transport and records how long every remote command took on the wire, so a harness can
 * compare a client step with the server commands it ran.
 */
public final class TimingTransport implements SshTransport {
    private final SshTransport delegate;
    private final List<Long> execNanos = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();

    /** @param delegate the real transport */
    public TimingTransport(SshTransport delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** @return nanoseconds spent in remote commands since the last reset, and resets */
    public synchronized long drainExecNanos() {
        long sum = execNanos.stream().mapToLong(Long::longValue).sum();
        execNanos.clear();
        commands.clear();
        return sum;
    }

    /** @return the commands run since the last drain */
    public synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    private synchronized void record(String command, long nanos) {
        execNanos.add(nanos);
        commands.add(command);
    }

    @Override
    public RemoteShell connect(ConnectOptions options) {
        RemoteShell shell = delegate.connect(options);
        return new RemoteShell() {
            @Override
            public CommandResult exec(String command, Duration timeout) {
                long t0 = System.nanoTime();
                try {
                    return shell.exec(command, timeout);
                } finally {
                    record(command, System.nanoTime() - t0);
                }
            }

            @Override
            public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
                return shell.forwardLocal(bind, remoteHost, remotePort);
            }

            @Override
            public SftpSession openSftp() {
                return shell.openSftp();
            }

            @Override
            public boolean isConnected() {
                return shell.isConnected();
            }

            @Override
            public String host() {
                return shell.host();
            }

            @Override
            public int port() {
                return shell.port();
            }

            @Override
            public String username() {
                return shell.username();
            }

            @Override
            public void close() {
                shell.close();
            }
        };
    }
}
