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
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.PrintAction;
import org.x2go.api.X2GoPrintActionException;

class PrintActionHandlerTest {
    @TempDir
    Path home;
    @TempDir
    Path spool;

    final List<List<String>> commands = Collections.synchronizedList(new ArrayList<>());

    private PrintJob pdf(String title) throws Exception {
        Path p = Files.writeString(spool.resolve("job.pdf"), "%PDF " + title);
        return new PrintJob(spool, p, title);
    }

    private PrintActionHandler handler(PrintAction action) {
        return new PrintActionHandler(() -> action, home, commands::add, j -> Optional.empty());
    }

    @Test
    void pdfSaveCopiesIntoTheFolderUnderTheTitleWithoutOverwriting() throws Exception {
        PrintActionHandler h = handler(new PrintAction.PdfSave(Path.of("PDF")));
        h.handle(pdf("Report"));
        h.handle(pdf("Report"));
        h.handle(pdf("../../etc/passwd"));
        try (var s = Files.list(home.resolve("PDF"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("Report (2).pdf", "Report.pdf", "_.._etc_passwd.pdf");
        }
        assertThat(Files.readString(home.resolve("PDF").resolve("Report.pdf"))).isEqualTo("%PDF Report");
        assertThat(commands).isEmpty();
    }

    @Test
    void viewerPrintAndPrintCommandGetAPrivateCopyThatOutlivesTheSpoolFile() throws Exception {
        handler(new PrintAction.PdfView("evince --preview")).handle(pdf("v"));
        handler(new PrintAction.Print("office")).handle(pdf("p"));
        handler(new PrintAction.Print("")).handle(pdf("d"));
        handler(new PrintAction.PrintCmd("lp -d 'Big Printer'")).handle(pdf("c"));
        assertThat(commands).hasSize(4);
        assertThat(commands.get(0).subList(0, 2)).containsExactly("evince", "--preview");
        assertThat(commands.get(1).subList(0, 3)).containsExactly("lpr", "-P", "office");
        assertThat(commands.get(2)).hasSize(2).first().isEqualTo("lpr");
        assertThat(commands.get(3).subList(0, 3)).containsExactly("lp", "-d", "Big Printer");
        for (List<String> argv : commands) {
            Path copy = Path.of(argv.get(argv.size() - 1));
            assertThat(copy.startsWith(spool)).isFalse();
            assertThat(Files.readString(copy)).startsWith("%PDF ");
            Files.delete(copy);
            Files.delete(copy.getParent());
        }
    }

    @Test
    void dialogChoosesTheActionOrCancels() throws Exception {
        PrintActionHandler save = new PrintActionHandler(PrintAction.Dialog::new, home, commands::add,
                j -> Optional.of(new PrintAction.PdfSave(home.resolve("chosen"))));
        save.handle(pdf("d"));
        assertThat(home.resolve("chosen").resolve("d.pdf")).exists();
        PrintActionHandler cancel = new PrintActionHandler(PrintAction.Dialog::new, home, commands::add,
                j -> Optional.empty());
        cancel.handle(pdf("x"));
        assertThat(commands).isEmpty();
        PrintActionHandler loop = new PrintActionHandler(PrintAction.Dialog::new, home, commands::add,
                j -> Optional.of(new PrintAction.Dialog()));
        assertThatThrownBy(() -> loop.handle(pdf("y"))).isInstanceOf(X2GoPrintActionException.class);
    }

    @Test
    void commandThatCannotStartIsAPrintActionException() throws Exception {
        PrintActionHandler h = new PrintActionHandler(() -> new PrintAction.PrintCmd("x"), home,
                argv -> { throw new java.io.IOException("no such program"); }, j -> Optional.empty());
        assertThatThrownBy(() -> h.handle(pdf("t"))).isInstanceOf(X2GoPrintActionException.class)
                .hasMessageContaining("no such program");
        PrintActionHandler empty = handler(new PrintAction.PrintCmd("   "));
        assertThatThrownBy(() -> empty.handle(pdf("t"))).isInstanceOf(X2GoPrintActionException.class);
    }

    @Test
    void endToEndEachJobUsesThePrintingFileAsItIsThen() throws Exception {
        Path root = home.resolve(".x2goclient");
        FilePrintingProvider provider = new FilePrintingProvider();
        IniPrintingConfig cfg = provider.open(root);
        cfg.setAction(new PrintAction.PrintCmd("myprint"));
        cfg.save();
        BlockingQueue<List<String>> ran = new LinkedBlockingQueue<>();
        PrintActionHandler h = new PrintActionHandler(() -> provider.open(root).action(false), home, ran::add,
                j -> Optional.empty());
        try (SpoolWatcher w = SpoolWatcher.start(spool, h, Duration.ofMillis(200))) {
            drop("one");
            List<String> first = ran.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull().first().isEqualTo("myprint");
            IniPrintingConfig edit = provider.open(root);
            edit.setAction(new PrintAction.PdfView("okular"));
            edit.save();
            drop("two");
            List<String> second = ran.poll(10, TimeUnit.SECONDS);
            assertThat(second).isNotNull().first().isEqualTo("okular");
            assertThat(Files.readString(Path.of(second.get(1)))).isEqualTo("%PDF two");
            for (List<String> argv : List.of(first, second)) {
                Path copy = Path.of(argv.get(argv.size() - 1));
                Files.delete(copy);
                Files.delete(copy.getParent());
            }
        }
    }

    private void drop(String name) throws Exception {
        Files.writeString(spool.resolve(name + ".pdf"), "%PDF " + name);
        Path tmp = Files.writeString(spool.resolve(name + ".tmp"), name + ".pdf\n" + name + "\n");
        Files.move(tmp, spool.resolve(name + ".ready"), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void commandWordsHonourQuotes() {
        assertThat(PrintActionHandler.words("a 'b c' \"d e\"f  g")).containsExactly("a", "b c", "d ef", "g");
        assertThat(PrintActionHandler.words("  ")).isEmpty();
    }

    @Test
    void titlesFromTheSpoolAreEscapedInErrorMessages() throws Exception {
        String evil = "job\u001b]0;owned\u0007\u202e";
        PrintActionHandler loop = new PrintActionHandler(PrintAction.Dialog::new, home, commands::add,
                j -> Optional.of(new PrintAction.Dialog()));
        assertThatThrownBy(() -> loop.handle(pdf(evil))).isInstanceOf(X2GoPrintActionException.class)
                .hasMessageContaining("job\\x1b]0;owned\\x07\\u202e")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\u0007", "\u202e"));
        PrintActionHandler failing = new PrintActionHandler(() -> new PrintAction.PrintCmd("x"), home,
                argv -> { throw new java.io.IOException("no\u001b[2J program"); }, j -> Optional.empty());
        assertThatThrownBy(() -> failing.handle(pdf(evil))).isInstanceOf(X2GoPrintActionException.class)
                .hasMessageContaining("job\\x1b]0;owned\\x07\\u202e").hasMessageContaining("no\\x1b[2J program")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\u0007", "\u202e"));
    }

    private List<String> saved(String folder) throws Exception {
        try (var s = Files.list(home.resolve(folder))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savedNameHasNoLeadingDotsControlFormatOrSeparatorCharacters() throws Exception {
        PrintActionHandler h = handler(new PrintAction.PdfSave(Path.of("PDF")));
        h.handle(pdf("..hidden"));
        h.handle(pdf("a\u0007b\u202ec\u2028d\u0085e\u200bf\\g:h"));
        h.handle(pdf(" . . "));
        assertThat(saved("PDF")).containsExactly("X2Go Print Job.pdf", "a_b_c_d_e_f_g_h.pdf", "hidden.pdf");
    }

    @Test
    void savedNameIsCutToTheByteLimitOnACharacterBoundary() throws Exception {
        PrintActionHandler h = handler(new PrintAction.PdfSave(Path.of("PDF")));
        // 4-byte characters: 200 bytes hold exactly 50; a cut inside one would leave a broken surrogate
        String emoji = "\ud83d\udda8".repeat(300);
        h.handle(pdf(emoji));
        h.handle(pdf("x" + "\u00e9".repeat(300)));
        List<String> names = saved("PDF");
        assertThat(names).hasSize(2).contains("\ud83d\udda8".repeat(50) + ".pdf", "x" + "\u00e9".repeat(99) + ".pdf");
        for (String n : names) {
            assertThat(n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(PrintActionHandler.MAX_NAME_BYTES + 4);
        }
    }

    @Test
    void saveNeverReplacesAFileOrFollowsALinkThatHoldsTheName() throws Exception {
        Path folder = Files.createDirectories(home.resolve("PDF"));
        Path outside = Files.writeString(home.resolve("outside.txt"), "keep me");
        Files.createSymbolicLink(folder.resolve("Report.pdf"), outside);
        Files.createSymbolicLink(folder.resolve("Report (2).pdf"), home.resolve("dangling-target"));
        Files.writeString(folder.resolve("Report (3).pdf"), "older");
        handler(new PrintAction.PdfSave(Path.of("PDF"))).handle(pdf("Report"));
        assertThat(Files.readString(outside)).isEqualTo("keep me");
        assertThat(home.resolve("dangling-target")).doesNotExist();
        assertThat(Files.readString(folder.resolve("Report (3).pdf"))).isEqualTo("older");
        assertThat(Files.readString(folder.resolve("Report (4).pdf"))).isEqualTo("%PDF Report");
    }

    @Test
    void failedSaveLeavesNoFileAndKeepsWhatWasThere() throws Exception {
        Path folder = Files.createDirectories(home.resolve("PDF"));
        Files.writeString(folder.resolve("Gone.pdf"), "mine");
        PrintJob missing = new PrintJob(spool, spool.resolve("never-written.pdf"), "Gone");
        assertThatThrownBy(() -> handler(new PrintAction.PdfSave(Path.of("PDF"))).handle(missing))
                .isInstanceOf(X2GoPrintActionException.class).hasMessageContaining("Gone (2).pdf");
        assertThat(saved("PDF")).containsExactly("Gone.pdf");
        assertThat(Files.readString(folder.resolve("Gone.pdf"))).isEqualTo("mine");
    }
}
