package org.x2go.cli;

/**
 * Where Ctrl-C comes from. The command installs one handler while a session is attached; the default
 * listens to SIGINT, tests trigger it directly.
 */
@FunctionalInterface
public interface InterruptSource {
    /**
     * Installs a handler that runs (once per interrupt, on some other thread) instead of the default
     * action of ending the process.
     *
     * @param handler what to do on Ctrl-C; must be fast and must not block
     * @return closing it restores the previous behaviour
     */
    Handle onInterrupt(Runnable handler);

    /** An installed handler; closing restores what was there before. */
    interface Handle extends AutoCloseable {
        /** Uninstalls the handler. Never throws. */
        @Override
        void close();
    }
}
