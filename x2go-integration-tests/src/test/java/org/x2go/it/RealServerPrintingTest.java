package org.x2go.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.x2go.it.RealServerSupport.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.PrintAction;
import org.x2go.printing.file.PrintActionHandler;
import org.x2go.printing.file.PrintJob;
import org.x2go.printing.file.PrintJobHandler;
import org.x2go.printing.file.SpoolWatcher;
import org.x2go.testkit.RealX2GoServer;

/**
 * Printing against the real server (issue 15): {@code lp} in a session of the test user goes through cupsd,
 * the cups-x2go backend (with the Ghostscript 10 fix of {@code scripts/x2go-test-printing}) and
 * {@code x2goprint} into the session's spool directory, and our print queue ({@link SpoolWatcher} +
 * {@link PrintActionHandler}, PDFSAVE) turns it into exactly one PDF in the save folder, named after the job.
 *
 * <p>Server side only (recipe B of the real-server notes): the session is started by hand, and the spool
 * directory is a plain directory registered with a mount row ({@code db_insertmount}) instead of the sshfs
 * mount a client would make, because x2goprint only checks that row. Client and server share this machine, so
 * the queue watches the server's spool directory directly. The folder share that mounts a client's spool
 * directory there is another part of issue 15.
 */
@Tag("real-server")
class RealServerPrintingTest {
    private static final Duration SETTLE = Duration.ofSeconds(20);
    /** lp to saved PDF took about 1 to 3 s here; generous for a loaded CI machine. */
    private static final Duration JOB_ARRIVES = Duration.ofSeconds(60);
    private static final String BEGIN = "--x2go-java-begin--";
    private static final String END = "--x2go-java-end--";

    private static RealX2GoServer server;

    @TempDir
    Path home;

    private Set<String> sessionsBefore = Set.of();
    private String session;
    private Path spool;
    private String printFile;

    @BeforeAll
    static void findServerAndPrinting() throws Exception {
        server = RealX2GoServer.require();
        String check = server.ssh("echo " + BEGIN + "; lpstat -r 2>&1; lpstat -v x2goprint 2>&1;"
                + " command -v x2goprint >/dev/null 2>&1 || test -x /usr/bin/x2goprint && echo has-x2goprint;"
                + " grep -q '^ps2pdf=' /etc/cups/cups-x2go.conf 2>/dev/null && echo has-gs-fix; echo " + END);
        String out = between(check);
        List<String> missing = new ArrayList<>();
        if (!out.contains("scheduler is running")) {
            missing.add("cupsd is not running");
        }
        if (!out.contains("cups-x2go:/")) {
            missing.add("no printer x2goprint on cups-x2go:/");
        }
        if (!out.contains("has-x2goprint")) {
            missing.add("x2goserver-printing (x2goprint) is not installed");
        }
        if (!out.contains("has-gs-fix")) {
            missing.add("the Ghostscript 10 ps2pdf fix is not in /etc/cups/cups-x2go.conf");
        }
        if (!missing.isEmpty()) {
            RealX2GoServer.unavailable("printing is not set up (" + String.join("; ", missing)
                    + "); run 'scripts/x2go-test-printing start' as root");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            RealX2GoServer.unavailable("the test reads the server's spool directory (owned by " + server.user()
                    + ", mode 0700) on this machine, which needs root");
        }
    }

    @BeforeEach
    void noteSessionsBefore() throws Exception {
        sessionsBefore = RealServerSupport.listedSessions(server);
        RealServerSupport.settle(server, SETTLE);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (session != null) {
                // x2goterminate-session leaves the mount row; x2goumount-session removes it (needs HOSTNAME)
                server.ssh("export HOSTNAME; x2goumount-session " + session + " >/dev/null 2>&1;"
                        + " x2goterminate-session " + session + " >/dev/null 2>&1;"
                        + " rm -rf " + spool + "; true");
            }
            if (printFile != null) {
                server.ssh("rm -f " + printFile);
            }
        } finally {
            RealServerSupport.terminateSessionsStartedSince(server, sessionsBefore);
            RealServerSupport.settle(server, SETTLE);
        }
    }

    /** The lines between the markers (the test user's ~/.bashrc may print before them). */
    private static String between(String out) {
        int b = out.indexOf(BEGIN);
        int e = out.indexOf(END, Math.max(b, 0));
        assertThat(b).as("begin marker in: %s", out).isNotNegative();
        assertThat(e).as("end marker in: %s", out).isGreaterThan(b);
        return out.substring(b + BEGIN.length(), e).strip();
    }

    /**
     * The text as a printf format of printable ASCII and octal escapes: the ssh command line then carries no
     * non-ASCII byte, whatever this JVM's locale would make of it.
     */
    private static String printfFormat(String text) {
        StringBuilder b = new StringBuilder();
        for (byte x : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\' && c != '%') {
                b.append((char) c);
            } else {
                b.append(String.format("\\%03o", c));
            }
        }
        return b.toString();
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Starts a session by hand as a client would have it (status R) and gives it a registered spool dir. */
    private void startSessionWithSpool() throws Exception {
        String started = between(server.ssh("echo " + BEGIN + "; X2GO_XINERAMA=false x2gostartagent 800x600 adsl"
                + " 16m-jpeg-9 unix-kde-depth_24 null null/null 0 R xterm both 2>/dev/null; echo " + END));
        String[] lines = started.split("\n");
        assertThat(lines).as("x2gostartagent output: %s", started).hasSizeGreaterThanOrEqualTo(4);
        String display = lines[0].strip();
        String agentPid = lines[2].strip();
        session = lines[3].strip();
        RealServerSupport.own(session);
        assertThat(session).as("session id").matches(server.user() + "-[0-9]+-[0-9]+_[A-Za-z0-9_]+");
        server.ssh("setsid x2goruncommand " + display + " " + agentPid + " " + session
                + " 0 xterm none R >/dev/null 2>&1 & exit");
        spool = Path.of("/tmp/.x2go-" + server.user(), "spool", "C-" + session);
        String row = between(server.ssh("echo " + BEGIN + "; mkdir -p -m 0700 " + spool
                + " && perl -MX2Go::Server::DB=db_insertmount -e 'print db_insertmount(@ARGV),\"\\n\"' " + session + " "
                + spool + " 127.0.0.1 && x2golistmounts " + session + "; echo " + END));
        assertThat(row).as("mount row for the spool dir").contains("127.0.0.1|" + spool);
        assertThat(Files.isDirectory(spool)).as("spool dir visible locally").isTrue();
    }

    /** Job titles (a unique part is appended) and the file name PDFSAVE must make of them. */
    static Stream<Arguments> titles() {
        return Stream.of(Arguments.of("x2go-java print ", ""),
                // a title is server text: separators and leading dots must not make a path or a hidden file
                Arguments.of("../reports/Q3 \u00e9t\u00e9 ", "_reports_Q3 \u00e9t\u00e9 "));
    }

    @ParameterizedTest(name = "lp -t \"{0}...\"")
    @MethodSource("titles")
    void lpOnTheServerYieldsExactlyOnePdfInTheSaveFolderNamedAfterTheJob(String titlePrefix, String namePrefix)
            throws Exception {
        startSessionWithSpool();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String title = titlePrefix + unique;
        String expectedName = (namePrefix.isEmpty() ? title : namePrefix + unique) + ".pdf";
        Path saveDir = home.resolve("PDF");
        AtomicLong handedOverAt = new AtomicLong();
        PrintActionHandler pdfSave = new PrintActionHandler(() -> new PrintAction.PdfSave(saveDir), home,
                argv -> { throw new IOException("PDFSAVE must not run a command: " + argv); }, j -> Optional.empty());
        PrintJobHandler timed = job -> {
            handedOverAt.compareAndSet(0, System.nanoTime());
            pdfSave.handle(job);
        };
        printFile = "/tmp/x2go-java-print-" + UUID.randomUUID() + ".txt";
        try (SpoolWatcher queue = SpoolWatcher.builder(spool, timed).rescanInterval(Duration.ofMillis(100)).start()) {
            long t0 = System.nanoTime();
            server.ssh("printf 'Hello X2Go printing\\nline 2\\n' > " + printFile + " && lp -d x2goprint -t \"$(printf '"
                    + printfFormat(title) + "')\" " + printFile);
            await("one PDF in the save folder", JOB_ARRIVES, () -> {
                try {
                    return Files.isDirectory(saveDir) && !list(saveDir).isEmpty();
                } catch (IOException e) {
                    return false;
                }
            });
            long saved = System.nanoTime();
            // the job's files leave the spool once the handler has returned
            await("the job's files removed from the spool", Duration.ofSeconds(10), () -> {
                try {
                    return list(spool).isEmpty();
                } catch (IOException e) {
                    return false;
                }
            });
            // a second copy would come from the same cupsd job: wait until CUPS has finished it
            await("the CUPS job completed", Duration.ofSeconds(30), () -> {
                try {
                    return !server.ssh("lpstat -o x2goprint 2>/dev/null; true").contains("x2goprint-");
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(queue.history()).hasSize(1).first().extracting(PrintJob::title).isEqualTo(title);
            System.out.printf("[real-server printing] lp -> handed to the print action %d ms, -> saved %d ms%n",
                    (handedOverAt.get() - t0) / 1_000_000, (saved - t0) / 1_000_000);
        }
        assertThat(list(saveDir)).containsExactly(expectedName);
        byte[] pdf = Files.readAllBytes(saveDir.resolve(expectedName));
        assertThat(new String(pdf, 0, Math.min(pdf.length, 5), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        assertThat(list(spool)).isEmpty();
    }
}
