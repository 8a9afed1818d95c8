package org.x2go.printing.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.PrintAction;

/**
 * The print queue as a session uses it: {@link SpoolWatcher} + {@link PrintActionHandler} with PDFSAVE, fed
 * jobs exactly as x2goprint writes them (PDF first, then {@code <pdf>.notready} renamed to {@code <pdf>.ready},
 * "PDF name \n title" without a final newline), and with what a hostile server could write instead.
 */
class PrintQueueTest {
    private static final Duration RESCAN = Duration.ofMillis(50);
    private static final Duration PENDING = Duration.ofSeconds(30);

    @TempDir
    Path spool;
    @TempDir
    Path home;

    /** A clock the test moves by hand: the pending timeout runs out only when the test says so. */
    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    final ManualClock clock = new ManualClock();

    private Path saveDir() {
        return home.resolve("PDF");
    }

    private SpoolWatcher queue() {
        PrintActionHandler h = new PrintActionHandler(() -> new PrintAction.PdfSave(Path.of("PDF")), home,
                argv -> { throw new AssertionError("PDFSAVE runs no command: " + argv); }, j -> Optional.empty());
        return SpoolWatcher.builder(spool, h).rescanInterval(RESCAN).pendingTimeout(PENDING).clock(clock).start();
    }

    /** Writes a job the way x2goprint does; returns the PDF's name. */
    private String x2goprint(String pdfName, String title) throws Exception {
        Files.writeString(spool.resolve(pdfName), "%PDF-1.4 " + title);
        marker(pdfName + ".ready", pdfName + "\n" + title);
        return pdfName;
    }

    private void marker(String name, String content) throws Exception {
        Path tmp = spool.resolve(name.replace(".ready", ".notready"));
        Files.writeString(tmp, content);
        Files.move(tmp, spool.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> list(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // poll interval, not synchronisation
            if (Thread.interrupted()) {
                throw new InterruptedException(what);
            }
        }
    }

    private void awaitSaved(int count) throws InterruptedException {
        await(count + " file(s) in the save folder", () -> {
            try {
                return list(saveDir()).size() >= count;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private void awaitInSpool(String name) throws InterruptedException {
        await(name + " in the spool", () -> Files.exists(spool.resolve(name), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void x2goprintJobIsSavedOnceUnderItsTitleAndLeavesTheSpoolEmpty() throws Exception {
        String pdf = "x2gotest-51-1796453227_stRxterm_dp24_1-x2gotest-cupsjob5740uCgeApDLP0jw1RLM.pdf";
        try (SpoolWatcher w = queue()) {
            x2goprint(pdf, "feat test job");
            awaitSaved(1);
            await("an empty spool", () -> {
                try {
                    return list(spool).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(w.history()).hasSize(1).first().extracting(PrintJob::title).isEqualTo("feat test job");
        }
        assertThat(list(saveDir())).containsExactly("feat test job.pdf");
        assertThat(Files.readString(saveDir().resolve("feat test job.pdf"))).isEqualTo("%PDF-1.4 feat test job");
    }

    @Test
    void markerWhosePdfNeverArrivesIsRejectedOnceThePendingTimeoutHasPassed() throws Exception {
        try (SpoolWatcher w = queue()) {
            marker("a-lost.pdf.ready", "a-lost.pdf\nlost");
            // markers of one scan are handled in name order: once z is saved, a-lost has been seen waiting
            x2goprint("z.pdf", "z");
            awaitSaved(1);
            clock.advance(PENDING.minusSeconds(1));
            x2goprint("z2.pdf", "z2");
            awaitSaved(2);
            assertThat(spool.resolve("a-lost.pdf.ready")).as("still waiting within the timeout").exists();
            clock.advance(Duration.ofSeconds(2));
            awaitInSpool("a-lost.pdf.ready.rejected");
            // the PDF turning up afterwards changes nothing
            Files.writeString(spool.resolve("a-lost.pdf"), "%PDF late");
            x2goprint("z3.pdf", "z3");
            awaitSaved(3);
            assertThat(w.history()).extracting(PrintJob::title).containsExactly("z", "z2", "z3");
        }
        assertThat(list(saveDir())).containsExactly("z.pdf", "z2.pdf", "z3.pdf");
    }

    @Test
    void markerThatStaysEmptyIsRejectedOnceThePendingTimeoutHasPassed() throws Exception {
        try (SpoolWatcher w = queue()) {
            Files.writeString(spool.resolve("a-empty.pdf.ready"), "");
            x2goprint("z.pdf", "z");
            awaitSaved(1);
            assertThat(spool.resolve("a-empty.pdf.ready")).exists();
            clock.advance(PENDING.plusSeconds(1));
            awaitInSpool("a-empty.pdf.ready.rejected");
        }
    }

    @Test
    void aJobWrittenAgainUnderTheSameNameIsNotHandedOverTwice() throws Exception {
        try (SpoolWatcher w = queue()) {
            x2goprint("job.pdf", "once");
            awaitSaved(1);
            await("the first job's files removed", () -> !Files.exists(spool.resolve("job.pdf")));
            x2goprint("job.pdf", "once");
            awaitInSpool("job.pdf.ready.rejected");
            x2goprint("next.pdf", "next");
            awaitSaved(2);
            assertThat(w.history()).extracting(PrintJob::title).containsExactly("once", "next");
        }
        assertThat(list(saveDir())).containsExactly("next.pdf", "once.pdf");
    }

    @Test
    void twoMarkersNamingOnePdfHandItOverOnce() throws Exception {
        Files.writeString(spool.resolve("shared.pdf"), "%PDF-1.4 shared");
        marker("a-first.ready", "shared.pdf\nfirst");
        marker("b-second.ready", "shared.pdf\nsecond");
        try (SpoolWatcher w = queue()) {
            awaitSaved(1);
            awaitInSpool("b-second.ready.rejected");
            assertThat(w.history()).extracting(PrintJob::title).containsExactly("first");
        }
        assertThat(list(saveDir())).containsExactly("first.pdf");
    }

    @Test
    void hostileTitleBecomesOnePlainFileInTheSaveFolder() throws Exception {
        try (SpoolWatcher w = queue()) {
            x2goprint("t.pdf", "../../..\u001b[31m\tevil/\u202e..\\name");
            x2goprint("u.pdf", "..hidden");
            awaitSaved(2);
        }
        assertThat(list(saveDir())).containsExactly("_.._.._[31m_evil__.._name.pdf", "hidden.pdf");
        assertThat(list(home)).containsExactly("PDF");
    }

    @Test
    void hostileMarkersSaveNothingAndTheNextJobIsStillSaved() throws Exception {
        Path outside = Files.writeString(home.resolve("secret.pdf"), "%PDF secret");
        Files.createSymbolicLink(spool.resolve("link.pdf"), outside);
        Process mk = new ProcessBuilder("mkfifo", spool.resolve("fifo.pdf").toString()).start();
        assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mk.exitValue()).isZero();
        try (SpoolWatcher w = queue()) {
            marker("h1-dotdot.ready", "../" + home.getFileName() + "/secret.pdf\nescape");
            marker("h2-absolute.ready", outside + "\nabsolute");
            marker("h3-link.ready", "link.pdf\nlink");
            marker("h4-fifo.ready", "fifo.pdf\nfifo");
            marker("h5-huge.ready", "x.pdf\n" + "t".repeat(SpoolWatcher.MAX_MARKER_BYTES));
            mk = new ProcessBuilder("mkfifo", spool.resolve("h6-fifo-marker.ready").toString()).start();
            assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
            x2goprint("z-good.pdf", "good");
            awaitSaved(1);
            for (String h : List.of("h1-dotdot", "h2-absolute", "h3-link", "h4-fifo", "h5-huge", "h6-fifo-marker")) {
                awaitInSpool(h + ".ready.rejected");
            }
            assertThat(w.history()).extracting(PrintJob::title).containsExactly("good");
        }
        assertThat(list(saveDir())).containsExactly("good.pdf");
        assertThat(Files.readString(outside, StandardCharsets.UTF_8)).isEqualTo("%PDF secret");
    }

    @Test
    void pendingTimeoutMustBePositive() {
        SpoolWatcher.Builder b = SpoolWatcher.builder(spool, j -> { });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.pendingTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pendingTimeout");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.pendingTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        try (SpoolWatcher w = b.start()) {
            assertThat(w.pendingTimeout()).isEqualTo(SpoolWatcher.DEFAULT_PENDING_TIMEOUT);
        }
    }
}
