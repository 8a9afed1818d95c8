package org.x2go.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.x2go.api.PrintAction;
import org.x2go.cli.ExitStatus;

import org.junit.jupiter.api.io.TempDir;

/** -F and the printing options with pyhoca-cli's meanings and defaults. */
class SharingOptionsTest {

    @TempDir
    Path home;

    private Invocation parse(String... args) {
        var cl = Cli.commandLine();
        cl.parseArgs(args);
        return Invocation.of(cl.getCommand(), new org.x2go.cli.TestEnv(home).env());
    }

    @Test
    void dashFSharesEachCommaSeparatedFolderAsAnAbsolutePath() {
        Invocation inv = parse("-F", "/tmp/a,/tmp/b c", "--server", "h", "-u", "u");
        assertThat(inv.shareFolders()).containsExactly(Path.of("/tmp/a"), Path.of("/tmp/b c"));
        assertThat(inv.warnings()).noneMatch(w -> w.contains("not supported"));
        assertThat(parse("--server", "h", "-u", "u").shareFolders()).isEmpty();
    }

    @Test
    void anEmptyFolderEntryIsAUsageError() {
        assertThatThrownBy(() -> parse("-F", "/tmp/a,,/tmp/b", "--server", "h", "-u", "u"))
                .isInstanceOfSatisfying(UsageException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.USAGE));
    }

    @Test
    void printingTakesPyhocasActionsAndDefaults() {
        assertThat(parse("--printing", "--server", "h", "-u", "u").printAction())
                .contains(new PrintAction.PdfView("xdg-open"));
        assertThat(parse("--printing", "--print-action", "pdfsave", "--save-to-folder", "/tmp/pdfs", "--server", "h",
                "-u", "u").printAction()).contains(new PrintAction.PdfSave(Path.of("/tmp/pdfs")));
        assertThat(parse("--printing", "--print-action", "PDFSAVE", "--server", "h", "-u", "u").printAction())
                .contains(new PrintAction.PdfSave(Path.of("PDF")));
        assertThat(parse("--printing", "--print-action", "PRINT", "--printer", "lab", "--server", "h", "-u", "u")
                .printAction()).contains(new PrintAction.Print("lab"));
        assertThat(parse("--printing", "--print-action", "PRINTCMD", "--server", "h", "-u", "u").printAction())
                .contains(new PrintAction.PrintCmd("lpr"));
        assertThat(parse("--server", "h", "-u", "u").printAction()).isEmpty();
    }

    @Test
    void anUnknownOrDialogPrintActionIsRefusedBeforeConnecting_andPrintOptionsWithoutPrintingWarn() {
        for (String bad : List.of("DIALOG", "FAX")) {
            assertThatThrownBy(() -> parse("--printing", "--print-action", bad, "--server", "h", "-u", "u"))
                    .isInstanceOfSatisfying(UsageException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.USAGE));
        }
        assertThat(parse("--print-action", "PDFSAVE", "--server", "h", "-u", "u").warnings())
                .anyMatch(w -> w.contains("no effect without --printing"));
    }
}
