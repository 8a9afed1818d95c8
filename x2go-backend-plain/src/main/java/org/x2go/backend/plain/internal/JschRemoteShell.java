package org.x2go.backend.plain.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.ConnectOptions;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoSftpException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.OutputBudget;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

/**
 * A {@link RemoteShell} on one JSch {@link Session}: each command on its own exec channel (no pty, no
 * environment, no agent forwarding). Owns one daemon timer thread that enforces command timeouts.
 */
public final class JschRemoteShell implements RemoteShell {
    private static final Logger LOG = LoggerFactory.getLogger(JschRemoteShell.class);
    /**
     * Longest wait between two looks at the channel while a command runs: a backstop only, the session thread
     * wakes the caller at every write, at EOF and when the channel closes.
     */
    private static final long CLOSE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Polling step while waiting for a dropped session to be noticed. */
    private static final long LOST_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long LOST_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * JSch's own channel-open wait (given the call's timeout) measures time in milliseconds from a later
     * start, so it can give up a moment before our timer fires: a failure this close to the deadline is the
     * timeout, not a lost connection.
     */
    private static final long OPEN_TIMEOUT_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Session session;
    private final ConnectOptions options;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    /**
     * @param session a connected session (owned from now on)
     * @param options the options it was connected with
     */
    public JschRemoteShell(Session session, ConnectOptions options) {
        this.session = session;
        this.options = options;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "x2go-jsch-timeout-" + options.host() + ":" + options.port());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CommandResult exec(String command, Duration timeout) {
        requireOpen(command);
        long deadline = System.nanoTime() + timeout.toNanos();
        ChannelExec ch;
        try {
            ch = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw lost("cannot open a channel for '" + command + "'", e);
        }
        ch.setCommand(command.getBytes(StandardCharsets.UTF_8));
        ch.setPty(false);
        ch.setAgentForwarding(options.forwardAgent());
        ch.setInputStream(null);
        OutputBudget budget = new OutputBudget(options.maxCommandOutput());
        ChannelSignals signals = new ChannelSignals(Thread.currentThread());
        // both streams are written by JSch's session thread: past the budget a sink stops keeping bytes and
        // closes the channel; every write and close (EOF, channel closed) wakes this thread
        BoundedSink out = new BoundedSink(budget, () -> closeLater(ch), signals);
        BoundedSink err = new BoundedSink(budget, () -> closeLater(ch), signals);
        ch.setOutputStream(out, false);
        ch.setErrStream(err, false);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> killer = timer.schedule(() -> {
            timedOut.set(true);
            ch.disconnect();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        boolean opened = false;
        boolean finished = false;
        try {
            try {
                // with a timeout JSch waits for the server to confirm the exec, polling every 10 ms; the
                // confirmation comes before the command's first output, so that output (signals) cuts the poll short
                ch.connect((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            } finally {
                signals.connectReturned();
            }
            opened = true;
            while (!ch.isClosed() && !timedOut.get() && !budget.exceeded()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, Math.min(left, CLOSE_POLL_NANOS));
            }
            finished = ch.isClosed() && !timedOut.get();
        } catch (JSchException e) {
            if (budget.exceeded()) {
                throw tooMuchOutput(command, budget);
            }
            if (timedOut.get() || (!opened && session.isConnected()
                    && deadline - System.nanoTime() < OPEN_TIMEOUT_SLACK_NANOS)) {
                throw timeout(command, timeout);
            }
            throw lost("'" + command + "' failed", e);
        } finally {
            killer.cancel(false);
            ch.disconnect();
        }
        if (budget.exceeded()) {
            throw tooMuchOutput(command, budget);
        }
        if (!finished) {
            throw timeout(command, timeout);
        }
        int status = ch.getExitStatus();
        if (status == -1 && disconnectsSoon()) {
            throw lost("connection lost while '" + command + "' ran", null);
        }
        return new CommandResult(out.text(), err.text(), status);
    }

    /** Closes the channel on the timer thread: never inside JSch's session thread, which called us. */
    private void closeLater(ChannelExec ch) {
        try {
            timer.execute(ch::disconnect);
        } catch (RejectedExecutionException e) {
            ch.disconnect();
        }
    }

    private X2GoControlSessionException tooMuchOutput(String command, OutputBudget budget) {
        return new X2GoControlSessionException("Output of '" + command + "' on " + where()
                + " exceeds maxCommandOutput (" + budget.limit() + " bytes, stdout and stderr together);"
                + " stopped reading and closed its channel");
    }

    /**
     * A channel that ended without an exit status either lost its connection or its command died of a
     * signal. The session notices a dropped connection a moment after the channel: wait a bounded time.
     */
    private boolean disconnectsSoon() {
        long until = System.nanoTime() + LOST_GRACE_NANOS;
        while (session.isConnected() && System.nanoTime() < until) {
            LockSupport.parkNanos(LOST_POLL_NANOS);
        }
        return !session.isConnected();
    }

    private X2GoTimeOutException timeout(String command, Duration timeout) {
        return new X2GoTimeOutException("'" + command + "' did not finish within " + timeout.toMillis() + " ms on "
                + where());
    }

    private X2GoControlSessionException lost(String what, Exception cause) {
        String detail = cause == null ? "" : ": " + cause.getMessage();
        return new X2GoControlSessionException("SSH connection to " + where() + (session.isConnected()
                ? "" : " is down") + ", " + what + detail, cause);
    }

    private void requireOpen(String what) {
        if (closed || !session.isConnected()) {
            throw new X2GoControlSessionException("SSH connection to " + where() + " is "
                    + (closed ? "closed" : "down") + "; cannot run '" + what + "'");
        }
    }

    private String where() {
        return options.username() + "@" + options.host() + ":" + options.port();
    }

    @Override
    public RemoteForward forwardRemote(int serverPort, InetSocketAddress localTarget) {
        requireOpen("reverse port forward");
        JschRemoteForward f = new JschRemoteForward(session, serverPort, localTarget);
        LOG.debug("server port {} forwarded to {} via {}", serverPort, localTarget, where());
        return f;
    }

    @Override
    public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
        requireOpen("port forward");
        JschForward f = new JschForward(session, bind, remoteHost, remotePort,
                (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
        LOG.debug("forwarding {} -> {}:{} via {}", f.localAddress(), remoteHost, remotePort, where());
        return f;
    }

    @Override
    public SftpSession openSftp() {
        requireOpen("sftp");
        ChannelSftp sftp;
        try {
            sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
        } catch (JSchException e) {
            throw new X2GoSftpException("Cannot open an SFTP channel to " + where() + ": " + e.getMessage(), e);
        }
        return new JschSftp(sftp);
    }

    /** One SFTP channel; its operations are serialised (ChannelSftp is not thread-safe). */
    private final class JschSftp implements SftpSession {
        private final ChannelSftp sftp;

        JschSftp(ChannelSftp sftp) {
            this.sftp = sftp;
        }

        @Override
        public synchronized void write(String remotePath, byte[] content) {
            try {
                sftp.put(new ByteArrayInputStream(content), remotePath, ChannelSftp.OVERWRITE);
            } catch (SftpException e) {
                throw new X2GoSftpException("SFTP write of " + remotePath + " on " + where() + " failed: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public synchronized byte[] read(String remotePath) {
            try (InputStream in = sftp.get(remotePath)) {
                return in.readAllBytes();
            } catch (SftpException | IOException e) {
                throw new X2GoSftpException("SFTP read of " + remotePath + " on " + where() + " failed: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void remove(String remotePath) {
            try {
                sftp.rm(remotePath);
            } catch (SftpException e) {
                throw new X2GoSftpException("SFTP remove of " + remotePath + " on " + where() + " failed: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void close() {
            sftp.disconnect();
        }
    }

    @Override
    public boolean isConnected() {
        return !closed && session.isConnected();
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
            session.disconnect();
            timer.shutdownNow();
        }
    }
}
