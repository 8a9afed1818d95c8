package org.x2go.backend.sshj.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

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

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * A {@link RemoteShell} on one sshj {@link SSHClient}: each command on its own session channel (no pty,
 * no environment). Owns a small pool (command workers, stderr pumps, channel closes, forwards).
 */
public final class SshjRemoteShell implements RemoteShell {
    private static final Logger LOG = LoggerFactory.getLogger(SshjRemoteShell.class);

    private static final int READ_CHUNK = 32 * 1024;

    private final SSHClient client;
    private final AutoCloseable alsoClose;
    private final ConnectOptions options;
    private final ExecutorService pool;
    private volatile boolean closed;

    /**
     * @param client a connected, authenticated client (owned from now on)
     * @param options the options it was connected with
     */
    public SshjRemoteShell(SSHClient client, ConnectOptions options) {
        this(client, options, () -> { });
    }

    /**
     * @param client    a connected, authenticated client (owned from now on)
     * @param options   the options it was connected with
     * @param alsoClose closed after the client (the jump host's connection the client runs through)
     */
    public SshjRemoteShell(SSHClient client, ConnectOptions options, AutoCloseable alsoClose) {
        this.alsoClose = alsoClose;
        this.client = client;
        this.options = options;
        String tag = options.host() + ":" + options.port();
        this.pool = Executors.newCachedThreadPool(r -> daemon(r, "x2go-sshj-io-" + tag));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Runs the command on a pool thread and waits for it at most {@code timeout}: every step that can block
     * (opening the channel, the exec request, reading, waiting for the exit status) happens there, so the
     * caller returns at its deadline even when sshj's reader thread no longer delivers anything.
     */
    @Override
    public CommandResult exec(String command, Duration timeout) {
        requireOpen(command);
        long deadline = System.nanoTime() + timeout.toNanos();
        OutputBudget budget = new OutputBudget(options.maxCommandOutput());
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        AtomicReference<Session> channel = new AtomicReference<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(run(command, deadline, budget, channel, result));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new X2GoControlSessionException("SSH connection to " + where() + " is closed; cannot run '"
                    + command + "'", e);
        }
        boolean ok = false;
        try {
            CommandResult r = result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            ok = true;
            return r;
        } catch (TimeoutException e) {
            throw timeout(command, timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (budget.exceeded()) {
                throw tooMuchOutput(command, budget);
            }
            if (cause instanceof RuntimeException re && cause instanceof org.x2go.api.X2GoException) {
                throw re;
            }
            if (System.nanoTime() - deadline >= 0) {
                // sshj's own waits end at the same deadline with their own exceptions
                throw timeout(command, timeout);
            }
            throw lost("'" + command + "' failed", cause instanceof Exception ex ? ex : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new X2GoControlSessionException("Interrupted while '" + command + "' ran on " + where(), e);
        } finally {
            if (!ok) {
                // the worker may still be opening the channel: whoever comes second closes it
                result.completeExceptionally(new CancellationException("abandoned"));
                closeLater(channel.getAndSet(null));
            }
        }
    }

    private CommandResult run(String command, long deadline, OutputBudget budget, AtomicReference<Session> channel,
                              CompletableFuture<CommandResult> result) throws IOException, InterruptedException {
        Session session;
        try {
            session = client.startSession();
        } catch (IOException e) {
            throw lost("cannot open a channel for '" + command + "'", e);
        }
        channel.set(session);
        if (result.isDone()) {
            // the caller gave up while the channel opened
            closeLater(channel.getAndSet(null));
            return null;
        }
        try {
            Session.Command cmd = session.exec(command);
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return readBounded(cmd.getErrorStream(), budget, result);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, pool);
            byte[] out = readBounded(cmd.getInputStream(), budget, result);
            byte[] errBytes = err.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            cmd.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
            Integer status = cmd.getExitStatus();
            if (status == null && disconnectsSoon()) {
                throw lost("connection lost while '" + command + "' ran", null);
            }
            return new CommandResult(new String(out, StandardCharsets.UTF_8),
                    new String(errBytes, StandardCharsets.UTF_8), status == null ? -1 : status);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("deadline passed", e);
        } finally {
            if (channel.compareAndSet(session, null)) {
                closeQuietly(session);
            }
        }
    }

    /**
     * Reads a stream while the budget lasts. Past it, fails the whole call at once (the caller closes the
     * channel) instead of waiting for the other stream.
     */
    static byte[] readBounded(InputStream in, OutputBudget budget, CompletableFuture<?> result) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[READ_CHUNK];
        int n;
        while (!budget.exceeded() && !result.isDone() && (n = in.read(chunk)) != -1) {
            if (!budget.take(n)) {
                break;
            }
            buf.write(chunk, 0, n);
        }
        if (budget.exceeded()) {
            IOException e = new IOException("output limit exceeded");
            result.completeExceptionally(e);
            throw e;
        }
        return buf.toByteArray();
    }

    /** Closes a channel on the pool: sshj waits for the server's close, the caller must not. */
    private void closeLater(Session s) {
        if (s == null) {
            return;
        }
        try {
            pool.execute(() -> closeQuietly(s));
        } catch (RejectedExecutionException e) {
            // the shell is closed, and the connection with it
            LOG.trace("not closing channel: pool shut down");
        }
    }

    private X2GoControlSessionException tooMuchOutput(String command, OutputBudget budget) {
        return new X2GoControlSessionException("Output of '" + command + "' on " + where()
                + " exceeds maxCommandOutput (" + budget.limit() + " bytes, stdout and stderr together);"
                + " stopped reading and closed its channel");
    }

    /**
     * A channel that ended without an exit status either lost its connection or its command died of a
     * signal. The transport notices a dropped connection a moment after the channel: wait a bounded time.
     */
    private boolean disconnectsSoon() {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (client.isConnected() && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
        return !client.isConnected();
    }

    private static void closeQuietly(Session s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.trace("closing channel: {}", e.getMessage());
        }
    }

    private X2GoTimeOutException timeout(String command, Duration timeout) {
        return new X2GoTimeOutException("'" + command + "' did not finish within " + timeout.toMillis() + " ms on "
                + where());
    }

    private X2GoControlSessionException lost(String what, Exception cause) {
        String detail = cause == null ? "" : ": " + cause.getMessage();
        return new X2GoControlSessionException("SSH connection to " + where() + (client.isConnected()
                ? "" : " is down") + ", " + what + detail, cause);
    }

    private void requireOpen(String what) {
        if (closed || !client.isConnected()) {
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
        SshjRemoteForward f = new SshjRemoteForward(client, serverPort, localTarget);
        LOG.debug("server port {} forwarded to {} via {}", serverPort, localTarget, where());
        return f;
    }

    @Override
    public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
        requireOpen("port forward");
        SshjForward f = new SshjForward(client, pool, bind, remoteHost, remotePort);
        LOG.debug("forwarding {} -> {}:{} via {}", f.localAddress(), remoteHost, remotePort, where());
        return f;
    }

    @Override
    public SftpSession openSftp() {
        requireOpen("sftp");
        SFTPClient sftp;
        try {
            sftp = client.newSFTPClient();
        } catch (IOException e) {
            throw new X2GoSftpException("Cannot open an SFTP channel to " + where() + ": " + e.getMessage(), e);
        }
        return new SshjSftp(sftp);
    }

    /** One SFTP channel; operations serialised. */
    private final class SshjSftp implements SftpSession {
        private final SFTPClient sftp;

        SshjSftp(SFTPClient sftp) {
            this.sftp = sftp;
        }

        @Override
        public synchronized void write(String remotePath, byte[] content) {
            try (RemoteFile f = sftp.open(remotePath, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                f.write(0, content, 0, content.length);
            } catch (IOException e) {
                throw new X2GoSftpException("SFTP write of " + remotePath + " on " + where() + " failed: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public synchronized byte[] read(String remotePath) {
            try (RemoteFile f = sftp.open(remotePath, EnumSet.of(OpenMode.READ));
                 InputStream in = f.new RemoteFileInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new X2GoSftpException("SFTP read of " + remotePath + " on " + where() + " failed: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void remove(String remotePath) {
            try {
                sftp.rm(remotePath);
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
        return !closed && client.isConnected() && client.isAuthenticated();
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
            try {
                client.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", where(), e.getMessage());
            }
            try {
                alsoClose.close();
            } catch (Exception e) {
                LOG.debug("closing the jump host connection of {}: {}", where(), e.getMessage());
            }
            pool.shutdownNow();
        }
    }
}
