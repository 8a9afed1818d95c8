package org.x2go.proxy.tunnel.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stopping child processes with a bounded wait. */
public final class Processes {
    private static final Logger LOG = LoggerFactory.getLogger(Processes.class);
    /** After SIGKILL the kernel ends the process at once; this only bounds a pathological case. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private Processes() {
    }

    /**
     * SIGTERM, wait up to {@code grace}, then SIGKILL and wait (bounded). Never throws.
     *
     * @param process the process
     * @param grace   how long to wait after SIGTERM
     * @param what    names the process in logs
     * @return true when the process has ended
     */
    public static boolean stop(Process process, Duration grace, String what) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (waitFor(process, grace)) {
            return true;
        }
        LOG.warn("{} (pid {}) ignored SIGTERM for {} ms; killing it", what, process.pid(), grace.toMillis());
        process.destroyForcibly();
        if (waitFor(process, KILL_WAIT)) {
            return true;
        }
        LOG.error("{} (pid {}) still alive after SIGKILL", what, process.pid());
        return false;
    }

    private static boolean waitFor(Process p, Duration d) {
        try {
            return p.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
