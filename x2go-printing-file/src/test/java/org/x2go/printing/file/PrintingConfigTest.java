package org.x2go.printing.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.BackendKind;
import org.x2go.api.Backends;
import org.x2go.api.PrintAction;
import org.x2go.api.X2GoClientPrintingException;
import org.x2go.spi.PrintingConfig;

/** TV-44 (printing part), TV-45 (printing file), R-PRN-2..4. */
class PrintingConfigTest {
    @TempDir
    Path root;

    static final String TV45_PRINTING = """
            [General]
            showdialog = 0
            pdfview = 1

            [print]
            startcmd = 0
            command = lpr
            stdin = 0
            ps = 0

            [save]
            folder = PDF

            [view]
            open = 1
            command = xdg-open

            [CUPS]
            defaultprinter = PDF

            """;

    @Test
    void tv45FreshPrintingFileIsByteIdenticalToPythons() throws Exception {
        IniPrintingConfig c = new FilePrintingProvider().open(root);
        assertThat(Files.readString(root.resolve("printing"))).isEqualTo(TV45_PRINTING);
        assertThat(c.action()).isEqualTo(new PrintAction.PdfView("xdg-open"));
    }

    @Test
    void tv44PrintCmdActionPropertiesAndErrors() throws Exception {
        Files.writeString(root.resolve("printing"), """
                [General]
                pdfview=false
                showdialog=false
                [print]
                startcmd=true
                command=lpr -P office
                """);
        IniPrintingConfig c = new FilePrintingProvider().open(root);
        assertThat(c.action()).isEqualTo(new PrintAction.PrintCmd("lpr -P office"));
        assertThat(c.action().actionName()).isEqualTo("PRINTCMD");
        assertThat(c.property("pdfview_cmd")).isEqualTo("xdg-open");
        assertThat(c.property("save_to_folder")).isEqualTo("PDF");
        assertThat(c.property("printer")).isEqualTo("PDF");
        assertThat(c.property(PrintProperty.PRINT_CMD)).isEqualTo("lpr -P office");
        assertThatThrownBy(() -> c.setProperty("print_cmd", 5)).isInstanceOf(X2GoClientPrintingException.class)
                .hasMessageContaining("type mismatch").hasMessageContaining("print_cmd");
        assertThatThrownBy(() -> c.property("nope")).isInstanceOf(X2GoClientPrintingException.class)
                .hasMessageContaining("nope");

        c.setAction(new PrintAction.PdfSave(Path.of("Saved")));
        assertThat(c.action()).isEqualTo(new PrintAction.PdfSave(Path.of("Saved")));
        c.save();
        String text = Files.readString(root.resolve("printing"));
        assertThat(text).contains("[General]\npdfview = 1\nshowdialog = 0\n").contains("[view]\nopen = 0\n")
                .contains("[save]\nfolder = Saved\n").contains("command = lpr -P office\n");
    }

    @ParameterizedTest(name = "showdialog={0} pdfview={1} open={2} startcmd={3} → {4}")
    @CsvSource({
        "1,1,1,0,DIALOG", "0,1,1,0,PDFVIEW", "0,1,0,0,PDFSAVE", "0,0,1,0,PRINT", "0,0,0,1,PRINTCMD",
        "1,0,0,1,DIALOG"})
    void actionDerivation(String d, String p, String o, String c, String expected) throws Exception {
        Files.writeString(root.resolve("printing"), "[General]\nshowdialog=" + d + "\npdfview=" + p
                + "\n[view]\nopen=" + o + "\n[print]\nstartcmd=" + c + "\n");
        IniPrintingConfig cfg = new FilePrintingProvider().open(root);
        assertThat(cfg.action().actionName()).isEqualTo(expected);
    }

    @Test
    void dialogOnlyWhenTheApplicationCanShowOne() throws Exception {
        Files.writeString(root.resolve("printing"), "[General]\nshowdialog=1\npdfview=0\n[print]\nstartcmd=0\n");
        IniPrintingConfig cfg = new FilePrintingProvider().open(root);
        assertThat(cfg.action(true)).isEqualTo(new PrintAction.Dialog());
        assertThat(cfg.action(false)).isEqualTo(new PrintAction.Print("PDF"));
    }

    @Test
    void malformedBooleanNamesFileLineAndKey() throws Exception {
        Path f = root.resolve("printing");
        Files.writeString(f, "[General]\nshowdialog=0\npdfview=perhaps\n");
        IniPrintingConfig cfg = new FilePrintingProvider().open(root);
        assertThatThrownBy(cfg::action).isInstanceOf(X2GoClientPrintingException.class)
                .hasMessageContaining(f + " line 3 key 'pdfview' in [General]: Not a boolean: perhaps");
    }

    @Test
    void brokenFileIsAPrintingException() throws Exception {
        Files.writeString(root.resolve("printing"), "no section\n");
        assertThatThrownBy(() -> new FilePrintingProvider().open(root))
                .isInstanceOf(X2GoClientPrintingException.class).hasMessageContaining("line 1");
    }

    static Stream<Arguments> actions() {
        return Stream.of(Arguments.of(new PrintAction.PdfView("evince")), Arguments.of(new PrintAction.PdfSave(Path.of("/tmp/out"))),
                Arguments.of(new PrintAction.Print("office")), Arguments.of(new PrintAction.PrintCmd("lp -d x")),
                Arguments.of(new PrintAction.Dialog()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void everyActionRoundTripsThroughTheFile(PrintAction action) {
        IniPrintingConfig c = new FilePrintingProvider().open(root);
        c.setAction(action);
        c.save();
        assertThat(new FilePrintingProvider().open(root).action()).isEqualTo(action);
    }

    @Test
    void anActionWhoseTextCannotBeStoredIsAPrintingExceptionAndChangesNothing() throws Exception {
        IniPrintingConfig c = new FilePrintingProvider().open(root);
        String before = c.serialize();
        for (String bad : new String[] {"lp\u001b[31m", "lp\tx", "lp\rhost=evil", " lp"}) {
            assertThatThrownBy(() -> c.setAction(new PrintAction.PrintCmd(bad)))
                    .isInstanceOf(X2GoClientPrintingException.class).hasMessageContaining("print_cmd")
                    .hasMessageNotContaining("\u001b");
            assertThatThrownBy(() -> c.setProperty("print_cmd", bad)).isInstanceOf(X2GoClientPrintingException.class);
        }
        assertThat(c.serialize()).as("no half-applied action").isEqualTo(before);
        assertThat(c.action()).isEqualTo(new PrintAction.PdfView("xdg-open"));
    }

    @Test
    void dialogKeepsTheUnderlyingAction() {
        IniPrintingConfig c = new FilePrintingProvider().open(root);
        c.setAction(new PrintAction.PrintCmd("lp"));
        c.setAction(new PrintAction.Dialog());
        assertThat(c.action(false)).isEqualTo(new PrintAction.PrintCmd("lp"));
    }

    @Test
    void memoryProviderAndDiscovery() {
        PrintingConfig m = new MemoryPrintingProvider().open(root);
        assertThat(m.action()).isEqualTo(new PrintAction.PdfView("xdg-open"));
        m.setAction(new PrintAction.Print(""));
        m.save();
        assertThat(root.toFile().list()).isEmpty();
        Backends b = Backends.discover();
        assertThat(b.providers(BackendKind.PRINTING)).containsKeys("FILE", "MEMORY");
        assertThat((Object) b.select(BackendKind.PRINTING, "default")).isInstanceOf(FilePrintingProvider.class);
    }

    @Test
    void multiLinePropertyIsRejected() {
        IniPrintingConfig c = new FilePrintingProvider().open(root);
        assertThatThrownBy(() -> c.setProperty(PrintProperty.PRINT_CMD, "lpr\n[evil]"))
                .isInstanceOf(X2GoClientPrintingException.class);
    }
}
