package org.x2go.printing.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.X2GoPrintQueueException;

class SpoolWatcherTest {
    static final Duration RESCAN = Duration.ofMillis(200);

    @TempDir
    Path spool;

    /** Records jobs; what a handler sees of the PDF is captured while it still exists. */
    static final class Recorder implements PrintJobHandler {
        final BlockingQueue<PrintJob> jobs = new LinkedBlockingQueue<>();
        final List<String> contents = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void handle(PrintJob job) throws Exception {
            contents.add(Files.readString(job.pdf()));
            jobs.add(job);
        }

        PrintJob next() throws InterruptedException {
            PrintJob j = jobs.poll(10, TimeUnit.SECONDS);
            assertThat(j).as("a job within 10 s").isNotNull();
            return j;
        }
    }

    private void job(String name, String title) throws Exception {
        Files.writeString(spool.resolve(name + ".pdf"), "%PDF " + name);
        String marker = name + ".pdf\n" + (title == null ? "" : title + "\n");
        // written under another name and renamed, as a finished upload would appear
        Path tmp = spool.resolve(name + ".tmp");
        Files.writeString(tmp, marker);
        Files.move(tmp, spool.resolve(name + ".ready"), StandardCopyOption.ATOMIC_MOVE);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(spool)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void deliversAJobOnceWithItsTitleAndCleansUp() throws Exception {
        Recorder r = new Recorder();
        SpoolWatcher watcher;
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            watcher = w;
            job("a", "Quarterly report");
            PrintJob j = r.next();
            assertThat(j.title()).isEqualTo("Quarterly report");
            // a private copy outside the spool directory, so the server cannot swap it under the handler
            assertThat(j.pdf().getFileName().toString()).isEqualTo("a.pdf");
            assertThat(j.pdf().startsWith(spool.toAbsolutePath())).isFalse();
            assertThat(j.spoolDir()).isEqualTo(spool.toAbsolutePath());
            assertThat(r.contents).containsExactly("%PDF a");
            job("b", null);
            assertThat(r.next().title()).isEqualTo(PrintJob.DEFAULT_TITLE);
        }
        // after close the thread has finished the job's bookkeeping
        assertThat(watcher.history()).extracting(PrintJob::title).containsExactly("Quarterly report", "X2Go Print Job");
        assertThat(watcher.history()).allSatisfy(j -> assertThat(j.pdf()).as("copy deleted after the handler").doesNotExist());
        assertThat(watcher.isAlive()).isFalse();
        assertThat(r.jobs).isEmpty();
        assertThat(files()).isEmpty();
    }

    @Test
    void severalJobsAtOnceAreEachDeliveredExactlyOnce() throws Exception {
        Recorder r = new Recorder();
        int n = 12;
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            for (int i = 0; i < n; i++) {
                job("job" + i, "t" + i);
            }
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                titles.add(r.next().title());
            }
            assertThat(titles).doesNotHaveDuplicates().hasSize(n);
        }
        // closed: no further delivery is possible, and none happened
        assertThat(r.jobs).isEmpty();
        assertThat(files()).isEmpty();
    }

    @Test
    void twoWatchersOnOneDirectoryShareTheJobsWithoutDuplicates() throws Exception {
        Recorder r = new Recorder();
        int n = 10;
        try (SpoolWatcher a = SpoolWatcher.start(spool, r, RESCAN); SpoolWatcher b = SpoolWatcher.start(spool, r, RESCAN)) {
            for (int i = 0; i < n; i++) {
                job("j" + i, "t" + i);
            }
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                titles.add(r.next().title());
            }
            assertThat(titles).doesNotHaveDuplicates();
        }
        assertThat(r.jobs).isEmpty();
    }

    @Test
    void jobsThatArrivedWhileStoppedAreDeliveredAfterARestartAndHandledOnesAreNot() throws Exception {
        job("early", "while stopped");
        Recorder first = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, first, RESCAN)) {
            assertThat(first.next().title()).isEqualTo("while stopped");
        }
        Recorder second = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, second, RESCAN)) {
            job("late", "after restart");
            // the initial scan of the new watcher ran before "late" could be seen: "early" would have come first
            assertThat(second.next().title()).isEqualTo("after restart");
        }
        assertThat(second.jobs).isEmpty();
    }

    @Test
    void markerBeforeItsPdfWaitsForThePdf() throws Exception {
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            Files.writeString(spool.resolve("x.ready"), "x.pdf\nlate pdf\n");
            job("other", "other");
            assertThat(r.next().title()).isEqualTo("other");
            assertThat(r.jobs).isEmpty();
            Files.writeString(spool.resolve("x.pdf"), "%PDF x");
            assertThat(r.next().title()).isEqualTo("late pdf");
        }
    }

    @Test
    void failingHandlerKeepsThePdfMarksTheJobFailedAndDoesNotRetry() throws Exception {
        Recorder r = new Recorder();
        PrintJobHandler h = job -> {
            if (job.title().equals("boom")) {
                throw new IllegalStateException("printer on fire");
            }
            r.handle(job);
        };
        try (SpoolWatcher w = SpoolWatcher.start(spool, h, RESCAN)) {
            job("bad", "boom");
            job("good", "fine");
            assertThat(r.next().title()).isEqualTo("fine");
            job("good2", "fine again");
            assertThat(r.next().title()).isEqualTo("fine again");
        }
        assertThat(files()).containsExactly("bad.pdf", "bad.ready.failed");
    }

    @Test
    void markerPointingOutsideTheSpoolDirectoryIsRejected() throws Exception {
        Path outside = Files.writeString(spool.getParent().resolve("secret-" + spool.getFileName()), "secret");
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            Files.writeString(spool.resolve("evil.ready"), "../" + outside.getFileName() + "\n");
            job("ok", "ok");
            assertThat(r.next().title()).isEqualTo("ok");
            job("ok2", "ok2");
            assertThat(r.next().title()).isEqualTo("ok2");
        }
        assertThat(files()).containsExactly("evil.ready.rejected");
        assertThat(Files.readString(outside)).isEqualTo("secret");
        Files.delete(outside);
    }

    @Test
    void jobClaimedBeforeACrashIsNotDeliveredAgain() throws Exception {
        Files.writeString(spool.resolve("c.pdf"), "%PDF c");
        Files.writeString(spool.resolve("c.ready.processing"), "c.pdf\n");
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            job("d", "d");
            assertThat(r.next().title()).isEqualTo("d");
        }
        assertThat(r.jobs).isEmpty();
        assertThat(files()).containsExactly("c.pdf", "c.ready.processing");
    }

    @Test
    void missingDirectoryIsAPrintQueueException() {
        assertThatThrownBy(() -> SpoolWatcher.start(spool.resolve("nope"), j -> { }))
                .isInstanceOf(X2GoPrintQueueException.class).hasMessageContaining("nope");
    }
    // --- hostile spool contents: FIFOs, huge files, links, bad names, failing handlers -------------------

    /** Whether this test's watcher thread(s) still run; found by name, which holds the unique temp dir name. */
    private boolean watcherThreadAlive() {
        String name = "x2go-spool-watcher[" + spool.getFileName() + "]";
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    /** Polls (bounded) until no watcher thread of this test runs; close() should already have ended it. */
    private void assertWatcherThreadEnded() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (watcherThreadAlive() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll interval, not a sync
        }
        assertThat(watcherThreadAlive()).as("watcher thread ended by close()").isFalse();
    }

    /** Polls (bounded) until the spool directory holds {@code name}; a rejection happens on the watcher thread. */
    private void awaitFile(String name) throws InterruptedException {
        Path p = spool.resolve(name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll interval, not a sync
        }
        assertThat(p).as("%s within 10 s", name).exists();
    }

    private void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        assertThat(mk.waitFor(10, TimeUnit.SECONDS)).as("mkfifo finished").isTrue();
        assertThat(mk.exitValue()).as("mkfifo exit code").isZero();
        assertThat(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    private Path outsideFile(String content) throws Exception {
        return Files.writeString(spool.getParent().resolve("outside-" + spool.getFileName() + "-" + System.nanoTime()),
                content);
    }

    @Test
    void fifoMarkerDoesNotBlockLaterJobsAndCloseEndsTheThread() throws Exception {
        mkfifo(spool.resolve("a-fifo.ready"));
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            job("b", "after the fifo");
            assertThat(r.next().title()).isEqualTo("after the fifo");
            awaitFile("a-fifo.ready.rejected");
        }
        assertWatcherThreadEnded();
        assertThat(files()).containsExactly("a-fifo.ready.rejected");
    }

    @Test
    void fifoNamedAsTheJobPdfIsRejectedWithoutBlocking() throws Exception {
        mkfifo(spool.resolve("f.pdf"));
        Files.writeString(spool.resolve("a.ready"), "f.pdf\nfifo job\n");
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            job("b", "after the fifo job");
            assertThat(r.next().title()).isEqualTo("after the fifo job");
            awaitFile("a.ready.rejected");
        }
        assertWatcherThreadEnded();
        assertThat(r.jobs).isEmpty();
        assertThat(files()).containsExactly("a.ready.rejected", "f.pdf");
    }

    @Test
    void hugeMarkerIsRejectedUnreadAndLaterJobsAreStillDelivered() throws Exception {
        try (java.io.RandomAccessFile big = new java.io.RandomAccessFile(spool.resolve("big.ready").toFile(), "rw")) {
            big.setLength(300L * 1024 * 1024); // sparse: no 300 MB are written
        }
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            job("c", "after the big marker");
            assertThat(r.next().title()).isEqualTo("after the big marker");
            job("d", "and another");
            assertThat(r.next().title()).isEqualTo("and another");
            awaitFile("big.ready.rejected");
        }
        assertWatcherThreadEnded();
        assertThat(files()).containsExactly("big.ready.rejected");
    }

    @Test
    void jobPdfOverTheSizeLimitIsRejectedAndNotDelivered() throws Exception {
        try (java.io.RandomAccessFile big = new java.io.RandomAccessFile(spool.resolve("huge.pdf").toFile(), "rw")) {
            big.setLength(600L * 1024 * 1024); // sparse; over the default limit
        }
        Files.writeString(spool.resolve("huge.ready"), "huge.pdf\nhuge\n");
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            job("e", "small");
            assertThat(r.next().title()).isEqualTo("small");
            awaitFile("huge.ready.rejected");
        }
        assertThat(r.jobs).isEmpty();
        assertThat(files()).containsExactly("huge.pdf", "huge.ready.rejected");
    }

    @Test
    void symlinkedJobPdfIsNotFollowedOutOfTheSpoolDirectory() throws Exception {
        Path secret = outsideFile("secret");
        try {
            Files.createSymbolicLink(spool.resolve("job.pdf"), secret);
            Files.writeString(spool.resolve("job.ready"), "job.pdf\nlinked\n");
            Recorder r = new Recorder();
            try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
                job("f", "plain");
                assertThat(r.next().title()).isEqualTo("plain");
                awaitFile("job.ready.rejected");
            }
            assertThat(r.jobs).isEmpty();
            assertThat(r.contents).containsExactly("%PDF f").doesNotContain("secret");
            assertThat(files()).containsExactly("job.pdf", "job.ready.rejected");
            assertThat(Files.readString(secret)).isEqualTo("secret");
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    @Test
    void hardLinkedJobPdfIsRefused() throws Exception {
        Path secret = outsideFile("secret");
        try {
            Files.createLink(spool.resolve("job.pdf"), secret);
            Files.writeString(spool.resolve("job.ready"), "job.pdf\nhard linked\n");
            Recorder r = new Recorder();
            try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
                job("g", "plain");
                assertThat(r.next().title()).isEqualTo("plain");
                awaitFile("job.ready.rejected");
            }
            assertThat(r.contents).containsExactly("%PDF g");
            assertThat(files()).containsExactly("job.pdf", "job.ready.rejected");
            assertThat(Files.readString(secret)).isEqualTo("secret");
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    @Test
    void symlinkedMarkerIsNotFollowed() throws Exception {
        Files.writeString(spool.resolve("real.pdf"), "%PDF real");
        Path outsideMarker = outsideFile("real.pdf\nstolen marker\n");
        try {
            Files.createSymbolicLink(spool.resolve("link.ready"), outsideMarker);
            Recorder r = new Recorder();
            try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
                job("h", "plain");
                assertThat(r.next().title()).isEqualTo("plain");
                awaitFile("link.ready.rejected");
            }
            assertThat(r.jobs).isEmpty();
            assertThat(files()).containsExactly("link.ready.rejected", "real.pdf");
            assertThat(Files.readString(outsideMarker)).isEqualTo("real.pdf\nstolen marker\n");
        } finally {
            Files.deleteIfExists(outsideMarker);
        }
    }

    @Test
    void jobNamesWithASlashDotDotOrNulAreRefusedAndTheWatcherGoesOn() throws Exception {
        Files.createDirectory(spool.resolve("sub"));
        Files.writeString(spool.resolve("sub").resolve("x.pdf"), "%PDF sub");
        Files.writeString(spool.resolve("slash.ready"), "sub/x.pdf\n");
        Files.writeString(spool.resolve("dots.ready"), "..\n");
        Files.writeString(spool.resolve("nul.ready"), "a\u0000.pdf\n");
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            job("i", "plain");
            assertThat(r.next().title()).isEqualTo("plain");
            job("j", "still running");
            assertThat(r.next().title()).isEqualTo("still running");
            awaitFile("dots.ready.rejected");
            awaitFile("nul.ready.rejected");
            awaitFile("slash.ready.rejected");
        }
        assertThat(r.jobs).isEmpty();
        assertThat(files()).containsExactly("dots.ready.rejected", "nul.ready.rejected", "slash.ready.rejected", "sub");
    }

    @Test
    void anErrorThrownByTheHandlerFailsOnlyThatJob() throws Exception {
        Recorder r = new Recorder();
        PrintJobHandler h = job -> {
            if (job.title().equals("overflow")) {
                throw new StackOverflowError("handler blew its stack");
            }
            r.handle(job);
        };
        try (SpoolWatcher w = SpoolWatcher.start(spool, h, RESCAN)) {
            job("bad", "overflow");
            job("good", "fine");
            assertThat(r.next().title()).isEqualTo("fine");
            job("good2", "fine again");
            assertThat(r.next().title()).isEqualTo("fine again");
        }
        assertWatcherThreadEnded();
        assertThat(files()).containsExactly("bad.pdf", "bad.ready.failed");
    }
    @Test
    void markerOfExactlyTheLimitIsReadAndOneByteMoreIsRejected() throws Exception {
        Files.writeString(spool.resolve("m.pdf"), "%PDF m");
        String title = "t".repeat(SpoolWatcher.MAX_MARKER_BYTES - "m.pdf\n".length() - 1);
        Files.writeString(spool.resolve("m.ready"), "m.pdf\n" + title + "\n");
        assertThat(Files.size(spool.resolve("m.ready"))).isEqualTo(SpoolWatcher.MAX_MARKER_BYTES);
        Files.writeString(spool.resolve("n.pdf"), "%PDF n");
        Files.writeString(spool.resolve("n.ready"), "n.pdf\n" + title + "x\n");
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            assertThat(r.next().title()).isEqualTo(title);
            job("o", "after");
            assertThat(r.next().title()).isEqualTo("after");
            awaitFile("n.ready.rejected");
        }
        assertThat(r.jobs).isEmpty();
        assertThat(files()).containsExactly("n.pdf", "n.ready.rejected");
    }

    @Test
    void jobOfExactlyTheConfiguredLimitIsDeliveredAndOneByteMoreIsRejected() throws Exception {
        Files.writeString(spool.resolve("fits.pdf"), "0123456789");
        Files.writeString(spool.resolve("fits.ready"), "fits.pdf\nfits\n");
        Files.writeString(spool.resolve("over.pdf"), "0123456789A");
        Files.writeString(spool.resolve("over.ready"), "over.pdf\nover\n");
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN, 10)) {
            assertThat(w.maxJobBytes()).isEqualTo(10);
            assertThat(r.next().title()).isEqualTo("fits");
            job("p", "after"); // "%PDF p" fits in 10 bytes
            assertThat(r.next().title()).isEqualTo("after");
            awaitFile("over.ready.rejected");
        }
        assertThat(r.jobs).isEmpty();
        assertThat(r.contents).containsExactly("0123456789", "%PDF p");
        assertThat(files()).containsExactly("over.pdf", "over.ready.rejected");
    }

    @Test
    void startRefusesANonPositiveJobLimitOrInterval() {
        assertThatThrownBy(() -> SpoolWatcher.start(spool, j -> { }, RESCAN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxJobBytes");
        assertThatThrownBy(() -> SpoolWatcher.start(spool, j -> { }, RESCAN, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxJobBytes");
        assertThatThrownBy(() -> SpoolWatcher.start(spool, j -> { }, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rescanInterval");
        assertThatThrownBy(() -> SpoolWatcher.start(spool, j -> { }, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rescanInterval");
        assertThat(SpoolWatcher.start(spool, j -> { }, RESCAN, 1)).satisfies(SpoolWatcher::close);
    }

    @Test
    void directoryNamedLikeAMarkerOrNamedAsTheJobIsRejected() throws Exception {
        Files.createDirectory(spool.resolve("dir.ready"));
        Files.createDirectory(spool.resolve("d.pdf"));
        Files.writeString(spool.resolve("d.ready"), "d.pdf\n");
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            job("q", "after");
            assertThat(r.next().title()).isEqualTo("after");
            awaitFile("d.ready.rejected");
            awaitFile("dir.ready.rejected");
        }
        assertThat(files()).containsExactly("d.pdf", "d.ready.rejected", "dir.ready.rejected");
    }

    @Test
    void markerThatIsNotUtf8IsRejected() throws Exception {
        Files.writeString(spool.resolve("u.pdf"), "%PDF u");
        Files.write(spool.resolve("u.ready"), new byte[] {'u', '.', 'p', 'd', 'f', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            job("v", "after");
            assertThat(r.next().title()).isEqualTo("after");
            awaitFile("u.ready.rejected");
        }
        assertThat(r.jobs).isEmpty();
        assertThat(files()).containsExactly("u.pdf", "u.ready.rejected");
    }

    @Test
    void emptyMarkerWaitsUntilItNamesTheJob() throws Exception {
        Files.writeString(spool.resolve("w.pdf"), "%PDF w");
        Files.writeString(spool.resolve("w.ready"), "");
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            job("x", "first");
            assertThat(r.next().title()).isEqualTo("first");
            assertThat(spool.resolve("w.ready")).exists(); // not rejected: it is still being written
            Files.writeString(spool.resolve("w.ready"), "  w.pdf \r\n\r\n");
            PrintJob j = r.next();
            assertThat(j.title()).isEqualTo(PrintJob.DEFAULT_TITLE);
            assertThat(j.pdf().getFileName().toString()).isEqualTo("w.pdf");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void handlerGetsAnOwnerOnlyCopyThatIsGoneAfterClose() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Path[] dir = new Path[1];
        PrintJobHandler h = job -> {
            dir[0] = job.pdf().getParent();
            seen.add(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir[0]))
                    + " " + Files.readString(job.pdf()));
        };
        try (SpoolWatcher w = SpoolWatcher.start(spool, h, RESCAN)) {
            job("y", "private");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("rwx------ %PDF y");
        }
        assertThat(dir[0]).doesNotExist();
    }
    @Test
    void markersFoundInOneScanAreHandledInNameOrder() throws Exception {
        List<String> names = List.of("j03", "j11", "j07", "j01", "j10", "j05", "j02", "j09", "j04", "j08", "j06", "j00");
        for (String n : names) {
            job(n, n);
        }
        Recorder r = new Recorder();
        List<String> titles = new ArrayList<>();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            for (int i = 0; i < names.size(); i++) {
                titles.add(r.next().title());
            }
        }
        assertThat(titles).isSorted().hasSize(names.size());
    }

    @Test
    void historyKeepsTheLastHundredJobs() throws Exception {
        int n = 101;
        for (int i = 0; i < n; i++) {
            job(String.format("h%03d", i), String.format("t%03d", i));
        }
        Recorder r = new Recorder();
        SpoolWatcher watcher;
        try (SpoolWatcher w = SpoolWatcher.start(spool, r, RESCAN)) {
            watcher = w;
            for (int i = 0; i < n; i++) {
                r.next();
            }
        }
        List<PrintJob> history = watcher.history();
        assertThat(history).hasSize(100);
        assertThat(history.get(0).title()).isEqualTo("t001");
        assertThat(history.get(99).title()).isEqualTo("t100");
    }

    @Test
    void closeEndsAnIdleThreadAtOnceEvenWithALongRescanInterval() throws Exception {
        Recorder r = new Recorder();
        SpoolWatcher w = SpoolWatcher.start(spool, r, Duration.ofMinutes(10));
        try {
            assertThat(w.isAlive()).isTrue();
            // the first scan of the empty directory is done once the thread waits for events
            String name = "x2go-spool-watcher[" + spool.getFileName() + "]";
            Thread t = Thread.getAllStackTraces().keySet().stream().filter(x -> x.getName().equals(name))
                    .findFirst().orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // poll interval
            }
            assertThat(t.getState()).isEqualTo(Thread.State.TIMED_WAITING);
        } finally {
            w.close();
        }
        // close() waits at most CLOSE_TIMEOUT (5 s); a thread still polling its 10 min interval would be alive
        assertThat(w.isAlive()).isFalse();
    }

    @Test
    void watcherThreadIsADaemonAndTheDefaultsDeliver() throws Exception {
        Recorder r = new Recorder();
        try (SpoolWatcher w = SpoolWatcher.start(spool, r)) {
            assertThat(w.spoolDir()).isEqualTo(spool.toAbsolutePath().normalize());
            assertThat(w.maxJobBytes()).isEqualTo(SpoolWatcher.DEFAULT_MAX_JOB_BYTES);
            String name = "x2go-spool-watcher[" + spool.getFileName() + "]";
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals(name))
                    .singleElement().satisfies(t -> assertThat(t.isDaemon()).isTrue());
            job("l", "default watcher");
            assertThat(r.next().title()).isEqualTo("default watcher");
        }
    }

    @Test
    void eachPrivateCopyIsDeletedWhenItsHandlerReturns() throws Exception {
        BlockingQueue<Boolean> previousCopyExists = new LinkedBlockingQueue<>();
        Path[] previous = new Path[1];
        PrintJobHandler h = job -> {
            if (previous[0] != null) {
                previousCopyExists.add(Files.exists(previous[0]));
            }
            previous[0] = job.pdf();
        };
        try (SpoolWatcher w = SpoolWatcher.start(spool, h, RESCAN)) {
            job("m1", "first");
            job("m2", "second");
            assertThat(previousCopyExists.poll(10, TimeUnit.SECONDS)).as("copy of the first job").isFalse();
        }
    }

    // --- the guards against a file changing between look and read, driven directly -------------------

    @Test
    void transferCopiesUpToTheLimitAndRefusesMore() throws Exception {
        byte[] data = new byte[200_000]; // several buffers
        new java.util.Random(42).nextBytes(data);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long copied = SpoolWatcher.transferAtMost(
                java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(data)), out, data.length, "x");
        assertThat(copied).isEqualTo(data.length);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThatThrownBy(() -> SpoolWatcher.transferAtMost(
                java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(data)),
                java.io.OutputStream.nullOutputStream(), data.length - 1, "the grown file"))
                .isInstanceOf(SpoolWatcher.Refused.class)
                .hasMessage("the grown file has more than " + (data.length - 1) + " bytes");
    }

    @Test
    void openRefusesAFileThatWasSwappedAfterItWasLookedAt() throws Exception {
        Path secret = outsideFile("secret");
        try {
            Path a = Files.writeString(spool.resolve("a.pdf"), "%PDF a");
            var before = Files.readAttributes(a, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            try (var ch = SpoolWatcher.openRegular(a, before)) {
                assertThat(ch.size()).isEqualTo(6);
            }
            Files.createLink(spool.resolve("keep"), a); // the original inode stays in use: no new file reuses it
            // swapped for a link: O_NOFOLLOW refuses to open it
            Files.delete(a);
            Files.createSymbolicLink(a, secret);
            assertThatThrownBy(() -> SpoolWatcher.openRegular(a, before).close())
                    .isInstanceOf(SpoolWatcher.Refused.class).hasMessage("a.pdf is a symbolic link");
            // swapped for another regular file (a new inode)
            Path other = Files.writeString(spool.resolve("other.tmp"), "%PDF other");
            Files.move(other, a, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.isRegularFile(a, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
            assertThatThrownBy(() -> SpoolWatcher.openRegular(a, before).close())
                    .isInstanceOf(SpoolWatcher.Refused.class).hasMessage("a.pdf was replaced while being opened");
            // swapped for a directory
            Files.delete(a);
            Files.createDirectory(a);
            assertThatThrownBy(() -> SpoolWatcher.openRegular(a, before).close())
                    .isInstanceOf(SpoolWatcher.Refused.class).hasMessage("a.pdf is not a regular file (a directory)");
            assertThat(Files.readString(secret)).isEqualTo("secret");
        } finally {
            Files.deleteIfExists(secret);
        }
    }
}
