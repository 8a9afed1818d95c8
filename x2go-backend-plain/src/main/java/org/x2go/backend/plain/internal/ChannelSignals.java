package org.x2go.backend.plain.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the thread that runs one exec when JSch's session thread delivers something on its channel (output,
 * EOF, close). While that thread is still in {@code ChannelExec.connect(timeout)}, the first such event also
 * interrupts it: JSch waits there for the server's confirmation of the exec in 10 ms sleeps that it ends on
 * interrupt, and the confirmation always arrives before the channel's first output. The interrupt is sent only
 * while connect runs and is cleared by {@link #connectReturned()}, so it never leaks past the exec.
 */
final class ChannelSignals implements Runnable {
    private final Thread caller;
    private final boolean callerWasInterrupted;
    private boolean connecting = true;
    private boolean interrupted;

    /** @param caller the thread that runs the exec (and calls {@link #connectReturned()}) */
    ChannelSignals(Thread caller) {
        this.caller = caller;
        this.callerWasInterrupted = caller.isInterrupted();
    }

    /** Something arrived on the channel: wake the caller. Called on JSch's session thread. */
    @Override
    public void run() {
        synchronized (this) {
            if (connecting && !interrupted && !callerWasInterrupted) {
                interrupted = true;
                caller.interrupt();
            }
        }
        LockSupport.unpark(caller);
    }

    /**
     * Called by the caller once {@code connect} returned or failed: no interrupt is sent from now on, and one
     * sent before is cleared (an interrupt the caller had before the exec is kept).
     *
     * @return whether an interrupt was sent
     */
    boolean connectReturned() {
        boolean sent;
        synchronized (this) {
            connecting = false;
            sent = interrupted;
        }
        if (sent) {
            Thread.interrupted();
        }
        return sent;
    }
}
