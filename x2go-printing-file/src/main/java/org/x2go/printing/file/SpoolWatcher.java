package org.x2go.printing.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.X2GoPrintQueueException;

/**
 * Watches a session's spool directory (spec R-PRN-5, §8.4) and hands each finished job to a handler exactly
 * once, on its own thread. Close it to stop the thread.
 *
 * <p>A job is finished when its marker {@code <job>.ready} names (first line) an existing PDF in the same
 * directory; the optional second line is the title. The marker is claimed by an atomic rename to
 * {@code <job>.ready.processing} before the handler runs, so a job is delivered once even with several
 * watchers, several jobs at once, or after a restart (the initial scan picks up jobs that arrived meanwhile).
 * After the handler returns, the marker and the PDF are deleted; when it throws, the marker becomes
 * {@code .ready.failed} and the PDF stays. A marker naming a file outside the directory becomes
 * {@code .ready.rejected}. A {@code .processing} marker left by a crash is logged, not delivered again
 * (no duplicate prints). Besides file-system events the directory is rescanned periodically, in case an
 * event is lost.
 */
public final class SpoolWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolWatcher.class);
    /** Suffix of a finished job's marker. */
    public static final String READY = ".ready";
    /** Suffix of a claimed marker. */
    public static final String PROCESSING = ".ready.processing";
    private static final int HISTORY = 100;

    private final Path spoolDir;
    private final PrintJobHandler handler;
    private final Duration rescanInterval;
    private final WatchService watchService;
    private final Thread thread;
    private final Deque<PrintJob> history = new ArrayDeque<>();
    private final Set<Path> warned = new HashSet<>();
    private volatile boolean running = true;

    private SpoolWatcher(Path spoolDir, PrintJobHandler handler, Duration rescanInterval) throws IOException {
        this.spoolDir = spoolDir;
        this.handler = handler;
        this.rescanInterval = rescanInterval;
        this.watchService = spoolDir.getFileSystem().newWatchService();
        try {
            spoolDir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            watchService.close();
            throw e;
        }
        this.thread = new Thread(this::run, "x2go-spool-watcher[" + spoolDir.getFileName() + "]");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching with a 2 s rescan interval.
     *
     * @param spoolDir the spool directory (must exist)
     * @param handler  receives each job once
     * @return the running watcher
     * @throws X2GoPrintQueueException when the directory cannot be watched
     */
    public static SpoolWatcher start(Path spoolDir, PrintJobHandler handler) {
        return start(spoolDir, handler, Duration.ofSeconds(2));
    }

    /**
     * @param spoolDir       the spool directory (must exist)
     * @param handler        receives each job once
     * @param rescanInterval how often to rescan without events
     * @return the running watcher
     * @throws X2GoPrintQueueException when the directory cannot be watched
     */
    public static SpoolWatcher start(Path spoolDir, PrintJobHandler handler, Duration rescanInterval) {
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(handler, "handler");
        if (rescanInterval.isNegative() || rescanInterval.isZero()) {
            throw new IllegalArgumentException("rescanInterval must be positive: " + rescanInterval);
        }
        if (!Files.isDirectory(spoolDir)) {
            throw new X2GoPrintQueueException("Spool directory does not exist: " + spoolDir);
        }
        SpoolWatcher w;
        try {
            w = new SpoolWatcher(spoolDir.toAbsolutePath().normalize(), handler, rescanInterval);
        } catch (IOException e) {
            throw new X2GoPrintQueueException("Cannot watch spool directory " + spoolDir + ": " + e, e);
        }
        w.thread.start();
        return w;
    }

    /** @return the watched directory */
    public Path spoolDir() {
        return spoolDir;
    }

    /** @return the last (up to 100) jobs handed to the handler, oldest first */
    public List<PrintJob> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    private void run() {
        reportLeftovers();
        try {
            while (running) {
                scan();
                WatchKey key = watchService.poll(rescanInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    // the events only say "look again"; OVERFLOW as well
                    key.pollEvents();
                    if (!key.reset()) {
                        LOG.warn("Spool directory {} is no longer watchable; stopping", spoolDir);
                        return;
                    }
                }
            }
        } catch (ClosedWatchServiceException e) {
            // closed: normal shutdown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Spool watcher for {} failed", spoolDir, e);
        }
    }

    private void reportLeftovers() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(spoolDir, "*" + PROCESSING)) {
            for (Path p : ds) {
                LOG.warn("Print job marker {} was claimed before a restart and is not delivered again", p);
            }
        } catch (IOException e) {
            LOG.warn("Cannot list spool directory {}: {}", spoolDir, e.toString());
        }
    }

    private void scan() {
        List<Path> markers = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(spoolDir, "*" + READY)) {
            ds.forEach(markers::add);
        } catch (IOException e) {
            LOG.warn("Cannot list spool directory {}: {}", spoolDir, e.toString());
            return;
        }
        markers.sort(null);
        for (Path marker : markers) {
            if (!running) {
                return;
            }
            process(marker);
        }
    }

    private void process(Path marker) {
        List<String> lines;
        try {
            lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return; // claimed by someone else
        } catch (IOException e) {
            LOG.debug("Cannot read {} yet: {}", marker, e.toString());
            return;
        }
        String pdfName = lines.isEmpty() ? "" : lines.get(0).strip();
        if (pdfName.isEmpty()) {
            return; // still being written
        }
        if (pdfName.contains("/") || pdfName.contains("\\") || pdfName.equals(".") || pdfName.equals("..")) {
            LOG.warn("Print job marker {} names '{}', which is not a file in the spool directory; rejected",
                    marker, pdfName);
            rename(marker, marker.resolveSibling(marker.getFileName() + ".rejected"));
            return;
        }
        Path pdf = spoolDir.resolve(pdfName);
        if (!Files.isRegularFile(pdf)) {
            if (warned.add(marker)) {
                LOG.info("Print job marker {} names {}, which does not exist (yet)", marker, pdf);
            }
            return;
        }
        String markerName = marker.getFileName().toString();
        Path claimed = marker.resolveSibling(markerName.substring(0, markerName.length() - READY.length()) + PROCESSING);
        if (!rename(marker, claimed)) {
            return;
        }
        warned.remove(marker);
        String title = lines.size() > 1 && !lines.get(1).isBlank() ? lines.get(1).strip() : PrintJob.DEFAULT_TITLE;
        PrintJob job = new PrintJob(spoolDir, pdf, title);
        try {
            handler.handle(job);
        } catch (Exception e) {
            LOG.error("Print job {} ({}) failed; keeping {}", title, pdf, pdf, e);
            rename(claimed, marker.resolveSibling(marker.getFileName() + ".failed"));
            return;
        }
        synchronized (history) {
            history.addLast(job);
            while (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        delete(pdf);
        delete(claimed);
    }

    private static boolean rename(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            return false; // another watcher was faster
        } catch (AtomicMoveNotSupportedException e) {
            LOG.error("Cannot claim {}: atomic rename not supported", from);
            return false;
        } catch (IOException e) {
            LOG.warn("Cannot rename {} to {}: {}", from, to, e.toString());
            return false;
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", p, e.toString());
        }
    }

    /** Stops the thread and waits (at most 5 s) for a running handler to finish. */
    @Override
    public void close() {
        running = false;
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.debug("Closing watch service: {}", e.toString());
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("Spool watcher for {} did not stop within 5 s (handler still running)", spoolDir);
            }
        }
    }
}
