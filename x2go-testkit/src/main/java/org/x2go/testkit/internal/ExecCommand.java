package org.x2go.testkit.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One exec request: interprets the command line on a worker thread. */
public final class ExecCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(ExecCommand.class);

    /** What an exec request needs from the server. */
    public interface Host {
        /** @return worker threads for commands */
        ExecutorService executor();

        /**
         * Records the line and applies scripted behaviour (delay, dropped connection).
         *
         * @param line    the command line
         * @param channel the exec channel
         * @return false when the connection was dropped on purpose and nothing more may be sent
         * @throws InterruptedException when the channel closes during a scripted delay
         */
        boolean beforeCommand(String line, ChannelSession channel) throws InterruptedException;

        /**
         * Runs the line.
         *
         * @param line    the command line
         * @param channel the exec channel
         * @param out  stdout
         * @param err  stderr
         * @return exit status
         * @throws InterruptedException when the channel closes while the command waits
         */
        int run(String line, ChannelSession channel, OutputStream out, OutputStream err) throws InterruptedException;

        /** Called when a command ends, whatever the outcome. */
        void afterCommand();
    }

    private final String line;
    private final Host host;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Future<?> task;
    private volatile boolean started;
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

    /** How long closing the channel waits for the command to stop writing. */
    private static final long STOP_WAIT_MS = 2000;

    /**
     * @param line the command line as received
     * @param host the server
     */
    public ExecCommand(String line, Host host) {
        this.line = line;
        this.host = host;
    }

    @Override
    public void setInputStream(InputStream in) {
        // exec commands of X2Go clients read no input
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        try {
            task = host.executor().submit(() -> runOn(channel));
        } catch (RejectedExecutionException e) {
            exit.onExit(255, "server shutting down");
        }
    }

    private void runOn(ChannelSession channel) {
        started = true;
        try {
            runCommand(channel);
        } finally {
            finished.countDown();
        }
    }

    private void runCommand(ChannelSession channel) {
        int status = 255;
        try {
            if (!host.beforeCommand(line, channel)) {
                return;
            }
            status = host.run(line, channel, out, err);
            out.flush();
            err.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (UncheckedIOException | java.io.IOException e) {
            LOG.debug("client went away during '{}': {}", line, e.toString());
            return;
        } catch (RuntimeException e) {
            LOG.warn("fake command failed: '{}'", line, e);
        } finally {
            host.afterCommand();
        }
        exit.onExit(status);
    }

    /**
     * Stops the command and waits (bounded) until it has stopped writing: MINA sends its channel close
     * after this returns, and a client such as sshj treats data after the close as a protocol error.
     */
    @Override
    public void destroy(ChannelSession channel) {
        Future<?> t = task;
        if (t != null) {
            t.cancel(true);
            if (started) {
                try {
                    if (!finished.await(STOP_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        LOG.warn("'{}' still running {} ms after its channel closed", line, STOP_WAIT_MS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
