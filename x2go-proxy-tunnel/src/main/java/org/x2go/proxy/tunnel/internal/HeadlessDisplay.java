package org.x2go.proxy.tunnel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.x2go.api.SafeText;
import org.x2go.api.X2GoProxyException;

/**
 * A private {@code Xvfb} for one session: started with {@code -displayfd 1} so that it picks a free
 * display itself and reports it on standard output when ready to accept clients; {@code -nolisten tcp}.
 */
public final class HeadlessDisplay {
    /** More is not a display number; a chattier Xvfb is refused rather than read without bound. */
    private static final int MAX_ANSWER = 16;

    private final Process process;
    private final int number;

    private HeadlessDisplay(Process process, int number) {
        this.process = process;
        this.number = number;
    }

    /**
     * Starts Xvfb and waits (bounded) for its display number.
     *
     * @param xvfb    the executable
     * @param screen  {@code WxHxDEPTH}
     * @param log     the file receiving Xvfb's standard error, appended to
     * @param timeout how long Xvfb may take to report its display
     * @return the running display
     * @throws X2GoProxyException when Xvfb cannot start, ends, answers garbage or takes too long (it is
     *                            stopped then)
     */
    public static HeadlessDisplay start(Path xvfb, String screen, Path log, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(List.of(xvfb.toString(), "-displayfd", "1", "-screen", "0", screen,
                "-nolisten", "tcp"));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p;
        try {
            p = pb.start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new X2GoProxyException("Cannot start " + xvfb + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readLine(p.getInputStream()));
        try {
            String line = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!line.matches("\\d{1,5}")) {
                throw new X2GoProxyException(xvfb + " did not report a display number (said '"
                        + SafeText.excerpt(line) + "'; see " + log + ")");
            }
            return new HeadlessDisplay(p, Integer.parseInt(line));
        } catch (TimeoutException e) {
            Processes.stop(p, Duration.ofSeconds(1), "Xvfb");
            throw new X2GoProxyException(xvfb + " did not report a display within " + timeout + " (see " + log + ")");
        } catch (ExecutionException e) {
            Processes.stop(p, Duration.ofSeconds(1), "Xvfb");
            throw new X2GoProxyException("Cannot read the display number of " + xvfb + ": "
                    + e.getCause().getMessage() + " (see " + log + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Processes.stop(p, Duration.ofSeconds(1), "Xvfb");
            throw new X2GoProxyException("Interrupted while waiting for " + xvfb, e);
        } catch (RuntimeException e) {
            Processes.stop(p, Duration.ofSeconds(1), "Xvfb");
            throw e;
        }
    }

    private static String readLine(InputStream in) {
        StringBuilder sb = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (sb.length() >= MAX_ANSWER) {
                    break;
                }
                sb.append((char) c);
            }
            if (c < 0 && sb.length() == 0) {
                throw new X2GoProxyException("Xvfb ended before it reported a display");
            }
        } catch (IOException e) {
            throw new X2GoProxyException("Xvfb output unreadable: " + e.getMessage(), e);
        }
        return sb.toString().strip();
    }

    /** @return the X display name, e.g. {@code :1} */
    public String display() {
        return ":" + number;
    }

    /** @return the Xvfb process */
    public Process process() {
        return process;
    }
}
