package org.x2go.printing.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoPrintQueueException;

/**
 * Watches a session's spool directory (spec R-PRN-5, §8.4) and hands each finished job to a handler exactly
 * once, on its own thread. Close it to stop the thread.
 *
 * <p>A job is finished when its marker {@code <job>.ready} names (first line) an existing PDF in the same
 * directory; the optional second line is the title. The marker is claimed by an atomic rename to
 * {@code <job>.ready.processing} before the handler runs, so a job is delivered once even with several
 * watchers, several jobs at once, or after a restart (the initial scan picks up jobs that arrived meanwhile).
 * After the handler returns, the marker and the PDF are deleted; when it throws (any exception or error), the
 * marker becomes {@code .ready.failed} and the PDF stays. A {@code .processing} marker left by a crash is
 * logged, not delivered again (no duplicate prints). Besides file-system events the directory is rescanned
 * periodically, in case an event is lost.
 *
 * <p>The server writes this directory (through the shared-folder mount), so its contents are untrusted:
 * <ul>
 *   <li>markers and PDFs are opened only when they are regular files, never through a symbolic link, and a PDF
 *       with more than one hard link is refused, so nothing outside the directory is read; FIFOs and other
 *       special files are refused without being opened, so they cannot block the watcher;</li>
 *   <li>a marker is read up to {@value #MAX_MARKER_BYTES} bytes, a PDF up to the job size limit
 *       ({@link #DEFAULT_MAX_JOB_BYTES} by default);</li>
 *   <li>the handler gets a private copy of the PDF (in a temporary directory only this process writes), read
 *       once from the spool under these checks, so a later swap of the spool file changes nothing;</li>
 *   <li>a marker that breaks these rules, or names something other than a plain file name in the directory,
 *       becomes {@code .ready.rejected} and is logged; the other jobs go on;</li>
 *   <li>a marker that stays empty, or whose PDF does not appear, is waited for at most the pending timeout
 *       ({@link #DEFAULT_PENDING_TIMEOUT} by default), then rejected;</li>
 *   <li>a marker naming a PDF this watcher has already taken a job for (the server's job names are unique, so
 *       this is a replay) is rejected: a job is handed over once.</li>
 * </ul>
 * Markers found in one scan are handled in the order of their names. Whatever one job throws (even an {@link Error} such as {@link OutOfMemoryError}) is logged with the job's
 * name and ends only that job.
 */
public final class SpoolWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolWatcher.class);
    /** Suffix of a finished job's marker. */
    public static final String READY = ".ready";
    /** Suffix of a claimed marker. */
    public static final String PROCESSING = ".ready.processing";
    /** Suffix given to a marker whose handler failed. */
    public static final String FAILED = ".ready.failed";
    /** Suffix given to a marker that was refused (bad name, special file, link, too large). */
    public static final String REJECTED = ".ready.rejected";
    /**
     * Largest marker read, in bytes. A marker holds a file name (at most 255 bytes on common file systems)
     * and a title, so 4 KiB is plenty; a larger one is rejected unread.
     */
    public static final int MAX_MARKER_BYTES = 4096;
    /** Default limit of a job's PDF, in bytes (512 MiB); a larger PDF is rejected without being copied. */
    public static final long DEFAULT_MAX_JOB_BYTES = 512L * 1024 * 1024;
    /** How long {@link #close()} waits for the thread (a running handler) to finish. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Default of how long a marker may stay empty or name a PDF that does not exist before it is rejected.
     * x2goprint moves the PDF into place before it writes the marker, so a job normally never waits.
     */
    public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofSeconds(60);
    /** Default rescan interval. */
    public static final Duration DEFAULT_RESCAN_INTERVAL = Duration.ofSeconds(2);
    /** How many claimed PDF names are remembered to refuse a replayed job. */
    static final int DELIVERED_NAMES = 1000;
    private static final int HISTORY = 100;
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path spoolDir;
    private final PrintJobHandler handler;
    private final Duration rescanInterval;
    private final long maxJobBytes;
    private final Duration pendingTimeout;
    private final Clock clock;
    private final Path privateDir;
    private final WatchService watchService;
    private final Thread thread;
    private final Deque<PrintJob> history = new ArrayDeque<>();
    /** Markers waiting for their content or PDF, with the time they were first seen waiting. */
    private final Map<Path, Instant> pending = new HashMap<>();
    /** Names of the PDFs of jobs this watcher claimed, oldest first (at most {@link #DELIVERED_NAMES}). */
    private final Set<String> delivered = new LinkedHashSet<>();
    private volatile boolean running = true;

    private SpoolWatcher(Path spoolDir, PrintJobHandler handler, Builder b) throws IOException {
        this.spoolDir = spoolDir;
        this.handler = handler;
        this.rescanInterval = b.rescanInterval;
        this.maxJobBytes = b.maxJobBytes;
        this.pendingTimeout = b.pendingTimeout;
        this.clock = b.clock;
        // owner-only (0700 on POSIX): the server cannot reach the copies handed to the handler
        this.privateDir = Files.createTempDirectory("x2go-print-jobs-");
        try {
            this.watchService = spoolDir.getFileSystem().newWatchService();
        } catch (IOException e) {
            deleteQuietly(privateDir);
            throw e;
        }
        try {
            spoolDir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            watchService.close();
            deleteQuietly(privateDir);
            throw e;
        }
        this.thread = new Thread(this::run, "x2go-spool-watcher[" + spoolDir.getFileName() + "]");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching with a 2 s rescan interval and the default limits.
     *
     * @param spoolDir the spool directory (must exist)
     * @param handler  receives each job once
     * @return the running watcher
     * @throws X2GoPrintQueueException when the directory cannot be watched
     */
    public static SpoolWatcher start(Path spoolDir, PrintJobHandler handler) {
        return builder(spoolDir, handler).start();
    }

    /**
     * Starts watching with the default limits.
     *
     * @param spoolDir       the spool directory (must exist)
     * @param handler        receives each job once
     * @param rescanInterval how often to rescan without events
     * @return the running watcher
     * @throws X2GoPrintQueueException when the directory cannot be watched
     */
    public static SpoolWatcher start(Path spoolDir, PrintJobHandler handler, Duration rescanInterval) {
        return builder(spoolDir, handler).rescanInterval(rescanInterval).start();
    }

    /**
     * @param spoolDir       the spool directory (must exist)
     * @param handler        receives each job once
     * @param rescanInterval how often to rescan without events
     * @param maxJobBytes    largest PDF accepted, in bytes; larger jobs are rejected
     * @return the running watcher
     * @throws X2GoPrintQueueException  when the directory cannot be watched
     * @throws IllegalArgumentException when the interval or the limit is not positive
     */
    public static SpoolWatcher start(Path spoolDir, PrintJobHandler handler, Duration rescanInterval, long maxJobBytes) {
        return builder(spoolDir, handler).rescanInterval(rescanInterval).maxJobBytes(maxJobBytes).start();
    }

    /**
     * @param spoolDir the spool directory (must exist when {@link Builder#start()} is called)
     * @param handler  receives each job once
     * @return a builder with the defaults ({@link #DEFAULT_RESCAN_INTERVAL}, {@link #DEFAULT_MAX_JOB_BYTES},
     *         {@link #DEFAULT_PENDING_TIMEOUT}, the system clock)
     */
    public static Builder builder(Path spoolDir, PrintJobHandler handler) {
        return new Builder(Objects.requireNonNull(spoolDir, "spoolDir"), Objects.requireNonNull(handler, "handler"));
    }

    /** Options of a {@link SpoolWatcher}; {@link #start()} starts it. */
    public static final class Builder {
        private final Path spoolDir;
        private final PrintJobHandler handler;
        private Duration rescanInterval = DEFAULT_RESCAN_INTERVAL;
        private long maxJobBytes = DEFAULT_MAX_JOB_BYTES;
        private Duration pendingTimeout = DEFAULT_PENDING_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder(Path spoolDir, PrintJobHandler handler) {
            this.spoolDir = spoolDir;
            this.handler = handler;
        }

        /**
         * @param interval how often to rescan without file-system events (positive)
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder rescanInterval(Duration interval) {
            this.rescanInterval = positive(interval, "rescanInterval");
            return this;
        }

        /**
         * @param bytes largest PDF accepted (positive); larger jobs are rejected
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder maxJobBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxJobBytes must be positive: " + bytes);
            }
            this.maxJobBytes = bytes;
            return this;
        }

        /**
         * @param timeout how long a marker may stay empty or name a missing PDF before it is rejected (positive)
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder pendingTimeout(Duration timeout) {
            this.pendingTimeout = positive(timeout, "pendingTimeout");
            return this;
        }

        /**
         * @param clock measures the pending timeout (tests pass a controllable clock)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the running watcher
         * @throws X2GoPrintQueueException when the directory does not exist or cannot be watched
         */
        public SpoolWatcher start() {
            if (!Files.isDirectory(spoolDir)) {
                throw new X2GoPrintQueueException("Spool directory does not exist: " + spoolDir);
            }
            SpoolWatcher w;
            try {
                w = new SpoolWatcher(spoolDir.toAbsolutePath().normalize(), handler, this);
            } catch (IOException e) {
                throw new X2GoPrintQueueException("Cannot watch spool directory " + spoolDir + ": " + e, e);
            }
            w.thread.start();
            return w;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }

    /** @return the watched directory */
    public Path spoolDir() {
        return spoolDir;
    }

    /** @return the largest PDF this watcher accepts, in bytes */
    public long maxJobBytes() {
        return maxJobBytes;
    }

    /** @return whether the watcher thread still runs (it stops on {@link #close()} or when the directory goes) */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** @return the last (up to 100) jobs handed to the handler, oldest first */
    public List<PrintJob> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    private void run() {
        try {
            reportLeftovers();
            while (running) {
                scanSafely();
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
        } finally {
            // no job runs after this thread: the private copies can go
            deleteQuietly(privateDir);
        }
    }

    /** One scan; whatever escapes it is logged so that the next scan still runs. */
    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException | Error e) { // NOPMD: one bad directory state must not end the watcher
            LOG.error("Scanning spool directory {} failed; trying again", spoolDir, e);
        }
    }

    private void reportLeftovers() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(spoolDir, "*" + PROCESSING)) {
            for (Path p : ds) {
                LOG.warn("Print job marker {} was claimed before a restart and is not delivered again", name(p));
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
        pending.keySet().retainAll(new HashSet<>(markers)); // forget markers that went away
        for (Path marker : markers) {
            if (!running) {
                return;
            }
            try {
                process(marker);
            } catch (RuntimeException | Error e) { // NOPMD: one job's failure, even an Error, ends only that job
                LOG.error("Print job marker {} could not be processed; rejected", name(marker), e);
                rename(marker, sibling(marker, REJECTED));
            }
        }
    }

    private void process(Path marker) {
        byte[] content;
        try {
            content = readMarker(marker);
        } catch (NoSuchFileException e) {
            return; // claimed by someone else
        } catch (Refused e) {
            reject(marker, e.getMessage());
            return;
        } catch (IOException e) {
            LOG.debug("Cannot read {} yet: {}", name(marker), SafeText.excerpt(e.toString()));
            return;
        }
        List<String> lines;
        try {
            lines = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString().lines().toList();
        } catch (CharacterCodingException e) {
            reject(marker, "it is not UTF-8 text");
            return;
        }
        String pdfName = lines.isEmpty() ? "" : lines.get(0).strip();
        if (pdfName.isEmpty()) {
            waitOrReject(marker, "it stayed empty"); // still being written, or never will be
            return;
        }
        Path pdf = fileInSpool(pdfName);
        if (pdf == null) {
            reject(marker, "it names '" + SafeText.excerpt(pdfName) + "', which is not a file name in the spool directory");
            return;
        }
        if (delivered.contains(pdfName)) {
            pending.remove(marker);
            reject(marker, "its PDF " + name(pdf) + " belongs to a job that was already handed over (a job is printed once)");
            return;
        }
        if (!Files.exists(pdf, LinkOption.NOFOLLOW_LINKS)) {
            if (!pending.containsKey(marker)) {
                LOG.info("Print job marker {} names {}, which does not exist (yet)", name(marker), name(pdf));
            }
            waitOrReject(marker, "its PDF " + name(pdf) + " did not appear");
            return;
        }
        // what it is (a regular file within the limits?) is checked after the claim, where it is read
        Path claimed = sibling(marker, PROCESSING);
        if (!rename(marker, claimed)) {
            return;
        }
        pending.remove(marker);
        rememberClaimed(pdfName);
        String title = lines.size() > 1 && !lines.get(1).isBlank() ? lines.get(1).strip() : PrintJob.DEFAULT_TITLE;
        deliver(marker, claimed, pdf, title);
    }

    /**
     * Waits for a marker that is not complete yet; once it has waited longer than the pending timeout it is
     * rejected with {@code why}.
     */
    private void waitOrReject(Path marker, String why) {
        Instant now = clock.instant();
        Instant since = pending.putIfAbsent(marker, now);
        if (since != null && Duration.between(since, now).compareTo(pendingTimeout) > 0) {
            pending.remove(marker);
            reject(marker, why + " within " + pendingTimeout.toMillis() + " ms");
        }
    }

    private void rememberClaimed(String pdfName) {
        delivered.remove(pdfName);
        delivered.add(pdfName);
        if (delivered.size() > DELIVERED_NAMES) {
            var it = delivered.iterator();
            it.next();
            it.remove();
        }
    }

    /** @return how long a marker may stay incomplete before it is rejected */
    public Duration pendingTimeout() {
        return pendingTimeout;
    }

    /** Copies the claimed job privately (or rejects it), runs the handler, and cleans up (or marks the job failed). */
    private void deliver(Path marker, Path claimed, Path pdf, String title) {
        Path copy = privateDir.resolve(pdf.getFileName().toString());
        try {
            try {
                copyJob(pdf, copy);
            } catch (Refused e) {
                LOG.warn("Print job {} ({}) rejected: {}", SafeText.excerpt(title), name(pdf), e.getMessage());
                rename(claimed, sibling(marker, REJECTED));
                return;
            } catch (IOException e) {
                LOG.warn("Print job {} ({}) cannot be read: {}; keeping it", SafeText.excerpt(title), name(pdf),
                        SafeText.excerpt(e.toString()));
                rename(claimed, sibling(marker, FAILED));
                return;
            }
            PrintJob job = new PrintJob(spoolDir, copy, title);
            try {
                handler.handle(job);
            } catch (Exception | Error e) { // NOPMD: whatever one handler call throws ends only this job
                LOG.error("Print job {} ({}) failed; keeping {}", SafeText.excerpt(title), name(pdf), name(pdf), e);
                rename(claimed, sibling(marker, FAILED));
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
        } finally {
            delete(copy);
        }
    }

    /**
     * @return the path of a plain file name in the spool directory, or {@code null} when the name has a
     *         separator, is {@code .} or {@code ..}, or is not a valid path (a NUL byte, say)
     */
    private Path fileInSpool(String fileName) {
        if (fileName.contains("/") || fileName.contains("\\") || fileName.equals(".") || fileName.equals("..")) {
            return null;
        }
        Path p;
        try {
            p = spoolDir.resolve(fileName);
        } catch (InvalidPathException e) {
            return null; // a NUL, say
        }
        // one more guard against whatever a file system treats as a separator
        return spoolDir.equals(p.getParent()) && p.getFileName().toString().equals(fileName) ? p : null;
    }

    private void checkJobFile(Path pdf, BasicFileAttributes attrs) throws Refused {
        checkRegular(pdf, attrs);
        if (attrs.size() > maxJobBytes) {
            throw new Refused("its PDF " + name(pdf) + " has " + attrs.size() + " bytes, over the limit of "
                    + maxJobBytes);
        }
        // a hard link could make a file from elsewhere on this file system appear in the spool directory
        int links = linkCount(pdf);
        if (links > 1) {
            throw new Refused("its PDF " + name(pdf) + " has " + links + " hard links");
        }
    }

    private static void checkRegular(Path p, BasicFileAttributes attrs) throws Refused {
        if (attrs.isSymbolicLink()) {
            throw new Refused(name(p) + " is a symbolic link");
        }
        if (!attrs.isRegularFile()) {
            throw new Refused(name(p) + " is not a regular file (" + (attrs.isDirectory() ? "a directory" : "a special file") + ")");
        }
    }

    private static int linkCount(Path p) {
        try {
            Object n = Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return n instanceof Integer i ? i : 1;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return 1; // no such attribute on this platform: nothing to check
        }
    }

    /** Reads a marker: a regular file (not a link), at most {@link #MAX_MARKER_BYTES}. */
    private static byte[] readMarker(Path marker) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(marker, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        checkRegular(marker, attrs);
        if (attrs.size() > MAX_MARKER_BYTES) {
            throw new Refused("it has " + attrs.size() + " bytes, over the limit of " + MAX_MARKER_BYTES);
        }
        int links = linkCount(marker);
        if (links > 1) {
            throw new Refused("it has " + links + " hard links");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SeekableByteChannel ch = openRegular(marker, attrs)) {
            transferAtMost(ch, out, MAX_MARKER_BYTES, "it");
        }
        return out.toByteArray();
    }

    /** Copies the job's PDF to {@code copy}: a regular file, not a link, within the limit. */
    private void copyJob(Path pdf, Path copy) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(pdf, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        checkJobFile(pdf, attrs);
        Files.deleteIfExists(copy); // left over from an earlier job of that name
        try (SeekableByteChannel in = openRegular(pdf, attrs);
             OutputStream out = Files.newOutputStream(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            transferAtMost(in, out, maxJobBytes, "its PDF " + name(pdf));
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /**
     * Copies all of {@code in} to {@code out}, refusing (after at most {@code max + 1} bytes) input longer
     * than {@code max}: the size seen before opening is only a hint, as the file can still grow.
     *
     * @return the number of bytes copied
     */
    static long transferAtMost(ReadableByteChannel in, OutputStream out, long max, String what) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(COPY_BUFFER);
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > max) {
                throw new Refused(what + " has more than " + max + " bytes");
            }
            out.write(buf.array(), 0, n);
            buf.clear();
        }
        return total;
    }

    /**
     * Opens a file seen as a regular file without following a link (O_NOFOLLOW), then checks it is still that
     * file: same file key, and seekable (a FIFO or socket is not), so a swap between look and open is refused.
     */
    static SeekableByteChannel openRegular(Path p, BasicFileAttributes before) throws IOException {
        SeekableByteChannel ch;
        try {
            ch = Files.newByteChannel(p, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            // ELOOP ("Too many levels of symbolic links"): it became a link after we looked
            BasicFileAttributes now = attributesOrNull(p);
            if (now != null && now.isSymbolicLink()) {
                throw new Refused(name(p) + " is a symbolic link");
            }
            throw e;
        }
        try {
            BasicFileAttributes after = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            checkRegular(p, after);
            if (before.fileKey() != null && !before.fileKey().equals(after.fileKey())) {
                throw new Refused(name(p) + " was replaced while being opened");
            }
            ch.position(0); // fails on a pipe
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof Refused) {
                throw e;
            }
            throw new Refused(name(p) + " cannot be used as a regular file: " + SafeText.excerpt(e.toString()));
        }
    }

    private static BasicFileAttributes attributesOrNull(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static void reject(Path marker, String why) {
        LOG.warn("Print job marker {} rejected: {}", name(marker), why);
        rename(marker, sibling(marker, REJECTED));
    }

    /** {@code <job>.ready} to {@code <job><suffix>}. */
    private static Path sibling(Path marker, String suffix) {
        String markerName = marker.getFileName().toString();
        return marker.resolveSibling(markerName.substring(0, markerName.length() - READY.length()) + suffix);
    }

    /** A file-controlled name made safe for the log. */
    private static String name(Path p) {
        return SafeText.excerpt(String.valueOf(p.getFileName()));
    }

    private static boolean rename(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            return false; // another watcher was faster
        } catch (AtomicMoveNotSupportedException e) {
            LOG.error("Cannot claim {}: atomic rename not supported", name(from));
            return false;
        } catch (IOException e) {
            LOG.warn("Cannot rename {} to {}: {}", name(from), name(to), SafeText.excerpt(e.toString()));
            return false;
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", name(p), SafeText.excerpt(e.toString()));
        }
    }

    private static void deleteQuietly(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("Cannot empty {}: {}", dir, e.toString());
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", dir, e.toString());
        }
    }

    /**
     * Stops the thread and waits (at most {@link #CLOSE_TIMEOUT}) for a running handler to finish. The watcher
     * itself never blocks on the spool directory, so only a handler that does not return can outlast this.
     */
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
                thread.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("Spool watcher for {} did not stop within {} (handler still running)", spoolDir, CLOSE_TIMEOUT);
            }
        }
    }

    /** A spool entry that breaks the rules; its message says why (file-controlled parts already escaped). */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
