package org.x2go.printing.file;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.x2go.api.X2GoClientPrintingException;
import org.x2go.api.PrintAction;
import org.x2go.api.PrintDialog;
import org.x2go.spi.PrintingProvider;
import org.x2go.ini.IniStore;

/**
 * The {@code FILE} printing backend: {@code <clientRootDir>/printing}, created with defaults when missing.
 * Each {@link #open} reads the file afresh, so open once per print job to pick up edits (R-PRN-5).
 */
public final class FilePrintingProvider implements PrintingProvider {
    /** The file name inside the client root directory. */
    public static final String FILE_NAME = "printing";

    /** Creates the provider (ServiceLoader). */
    public FilePrintingProvider() {
    }

    @Override
    public String name() {
        return "FILE";
    }

    @Override
    public IniPrintingConfig open(Path clientRootDir) {
        return new IniPrintingConfig(IniStore.file(clientRootDir.resolve(FILE_NAME), IniPrintingConfig.DEFAULTS::fill,
                X2GoClientPrintingException::new));
    }

    /** Watches with {@link SpoolWatcher} and carries out the action with {@link PrintActionHandler}. */
    @Override
    public AutoCloseable watchSpool(Path spoolDir, Supplier<PrintAction> action, PrintDialog dialog) {
        return PrintActionHandler.watch(spoolDir, action, dialog);
    }
}
