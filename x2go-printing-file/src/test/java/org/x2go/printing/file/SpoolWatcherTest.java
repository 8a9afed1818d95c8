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
            assertThat(j.pdf()).isEqualTo(spool.resolve("a.pdf").toAbsolutePath());
            assertThat(r.contents).containsExactly("%PDF a");
            job("b", null);
            assertThat(r.next().title()).isEqualTo(PrintJob.DEFAULT_TITLE);
        }
        // after close the thread has finished the job's bookkeeping
        assertThat(watcher.history()).extracting(PrintJob::title).containsExactly("Quarterly report", "X2Go Print Job");
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
}
