package org.x2go.backend.mina.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.ConnectOptions;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.api.X2GoSftpException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.OutputBudget;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;

/**
 * A {@link RemoteShell} on one MINA SSHD {@link ClientSession}: each command on its own exec channel (no pty,
 * no environment). Owns no thread: output arrives on the client's shared I/O threads, and the caller waits for
 * the channel's close event, at most until its deadline.
 */
public final class MinaRemoteShell implements RemoteShell {
    private static final Logger LOG = LoggerFactory.getLogger(MinaRemoteShell.class);
    private static final long LOST_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long LOST_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final ClientSession session;
    private final ConnectOptions options;
    private volatile boolean closed;

    /**
     * @param session a connected, authenticated session (owned from now on)
     * @param options the options it was connected with
     */
    public MinaRemoteShell(ClientSession session, ConnectOptions options) {
        this.session = session;
        this.options = options;
    }

    @Override
    public CommandResult exec(String command, Duration timeout) {
        requireOpen(command);
        long deadline = System.nanoTime() + timeout.toNanos();
        OutputBudget budget = new OutputBudget(options.maxCommandOutput());
        AtomicReference<ChannelExec> channel = new AtomicReference<>();
        Runnable overflow = () -> {
            ChannelExec c = channel.get();
            if (c != null) {
                c.close(true);
            }
        };
        Sink out = new Sink(budget, overflow);
        Sink err = new Sink(budget, overflow);
        ChannelExec ch;
        try {
            ch = session.createExecChannel(command, StandardCharsets.UTF_8, null, Collections.emptyMap());
        } catch (IOException | RuntimeException e) {
            throw lost("cannot open a channel for '" + command + "'", e);
        }
        channel.set(ch);
        ch.setOut(out);
        ch.setErr(err);
        try {
            ch.open().verify(remaining(deadline));
            Set<ClientChannelEvent> ev = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), remaining(deadline));
            if (budget.exceeded()) {
                throw tooMuchOutput(command, budget);
            }
            if (!ev.contains(ClientChannelEvent.CLOSED)) {
                throw timeout(command, timeout);
            }
            Integer status = ch.getExitStatus();
            if (status == null && disconnectsSoon()) {
                throw lost("connection lost while '" + command + "' ran", null);
            }
            return new CommandResult(out.text(), err.text(), status == null ? -1 : status);
        } catch (IOException | RuntimeException e) {
            if (e instanceof X2GoTimeOutException || e instanceof X2GoControlSessionException) {
                throw (RuntimeException) e;
            }
            if (budget.exceeded()) {
                throw tooMuchOutput(command, budget);
            }
            if ((deadline - System.nanoTime() <= 0 || timedOut(e)) && session.isOpen()) {
                throw timeout(command, timeout);
            }
            throw lost("'" + command + "' failed", e);
        } finally {
            // immediate: never waits for a server that no longer answers
            ch.close(true);
        }
    }

    /** MINA's own waits end at the same deadline (measured in milliseconds) with a TimeoutException cause. */
    private static boolean timedOut(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    /**
     * A channel that ended without an exit status either lost its connection or its command died of a
     * signal. The session notices a dropped connection a moment after the channel: wait a bounded time.
     */
    private boolean disconnectsSoon() {
        long until = System.nanoTime() + LOST_GRACE_NANOS;
        while (session.isOpen() && System.nanoTime() < until) {
            LockSupport.parkNanos(LOST_POLL_NANOS);
        }
        return !session.isOpen();
    }

    private X2GoControlSessionException tooMuchOutput(String command, OutputBudget budget) {
        return new X2GoControlSessionException("Output of '" + command + "' on " + where()
                + " exceeds maxCommandOutput (" + budget.limit() + " bytes, stdout and stderr together);"
                + " stopped reading and closed its channel");
    }

    private X2GoTimeOutException timeout(String command, Duration timeout) {
        return new X2GoTimeOutException("'" + command + "' did not finish within " + timeout.toMillis() + " ms on "
                + where());
    }

    private X2GoControlSessionException lost(String what, Exception cause) {
        String detail = cause == null ? "" : ": " + SafeText.excerpt(String.valueOf(cause.getMessage()));
        return new X2GoControlSessionException("SSH connection to " + where() + (session.isOpen()
                ? "" : " is down") + ", " + what + detail, cause);
    }

    private void requireOpen(String what) {
        if (closed || !session.isOpen()) {
            throw new X2GoControlSessionException("SSH connection to " + where() + " is "
                    + (closed ? "closed" : "down") + "; cannot run '" + what + "'");
        }
    }

    private String where() {
        return options.username() + "@" + options.host() + ":" + options.port();
    }

    /**
     * Keeps what one stream of a command sends while the budget (shared with the other stream) lasts; past it,
     * drops the rest and runs the overflow action once. Written by an I/O thread; never throws.
     */
    private static final class Sink extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final OutputBudget budget;
        private final Runnable onOverflow;
        private boolean overflowed;

        Sink(OutputBudget budget, Runnable onOverflow) {
            this.budget = budget;
            this.onOverflow = onOverflow;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            boolean overflowNow;
            synchronized (this) {
                if (overflowed) {
                    return;
                }
                overflowNow = budget.exceeded() || !budget.take(len);
                if (overflowNow) {
                    overflowed = true;
                } else {
                    buf.write(b, off, len);
                }
            }
            if (overflowNow) {
                onOverflow.run();
            }
        }

        synchronized String text() {
            return buf.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
        requireOpen("port forward");
        ExplicitPortForwardingTracker t;
        try {
            t = session.createLocalPortForwardingTracker(new SshdSocketAddress(bind.getHostString(), bind.getPort()),
                    new SshdSocketAddress(remoteHost, remotePort));
        } catch (IOException | RuntimeException e) {
            throw new X2GoFwTunnelException("Cannot forward " + bind + " to " + remoteHost + ":" + remotePort
                    + " via " + where() + ": " + SafeText.excerpt(String.valueOf(e.getMessage())), e);
        }
        SshdSocketAddress b = t.getBoundAddress();
        InetSocketAddress local = new InetSocketAddress(bind.getAddress(), b.getPort());
        LOG.debug("forwarding {} -> {}:{} via {}", local, remoteHost, remotePort, where());
        return new PortForward() {
            @Override
            public InetSocketAddress localAddress() {
                return local;
            }

            @Override
            public void close() {
                try {
                    t.close();
                } catch (IOException e) {
                    LOG.debug("closing forward {}: {}", local, e.getMessage());
                }
            }
        };
    }

    @Override
    public RemoteForward forwardRemote(int serverPort, InetSocketAddress localTarget) {
        requireOpen("reverse port forward");
        MinaRemoteForward f = MinaRemoteForward.open(session, serverPort, localTarget, where());
        LOG.debug("reverse forwarding server port {} -> {} via {}", serverPort, localTarget, where());
        return f;
    }

    @Override
    public SftpSession openSftp() {
        requireOpen("sftp");
        SftpClient sftp;
        try {
            sftp = SftpClientFactory.instance().createSftpClient(session);
        } catch (IOException | RuntimeException e) {
            throw new X2GoSftpException("Cannot open an SFTP channel to " + where() + ": " + e.getMessage(), e);
        }
        return new MinaSftp(sftp);
    }

    /** One SFTP channel; operations serialised. */
    private final class MinaSftp implements SftpSession {
        private final SftpClient sftp;

        MinaSftp(SftpClient sftp) {
            this.sftp = sftp;
        }

        @Override
        public synchronized void write(String remotePath, byte[] content) {
            try (OutputStream os = sftp.write(remotePath)) {
                os.write(content);
            } catch (IOException e) {
                throw new X2GoSftpException("SFTP write of " + remotePath + " on " + where() + " failed: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public synchronized byte[] read(String remotePath) {
            try (InputStream in = sftp.read(remotePath)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new X2GoSftpException("SFTP read of " + remotePath + " on " + where() + " failed: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void remove(String remotePath) {
            try {
                sftp.remove(remotePath);
            } catch (IOException e) {
                throw new X2GoSftpException("SFTP remove of " + remotePath + " on " + where() + " failed: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void close() {
            try {
                sftp.close();
            } catch (IOException e) {
                LOG.debug("closing SFTP: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isConnected() {
        return !closed && session.isOpen() && session.isAuthenticated();
    }

    @Override
    public String host() {
        return options.host();
    }

    @Override
    public int port() {
        return options.port();
    }

    @Override
    public String username() {
        return options.username();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close(true);
        }
    }
}
