package org.x2go.spi;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.x2go.api.PrintAction;
import org.x2go.api.PrintDialog;

/** Loads the print configuration. Selected by {@code x2go.backend.printing}; default {@code FILE}. */
public interface PrintingProvider extends NamedProvider {
    /**
     * @param clientRootDir the client's configuration directory ({@code ~/.x2goclient})
     * @return the configuration, defaults applied
     * @throws org.x2go.api.X2GoClientPrintingException when the stored configuration is malformed
     */
    PrintingConfig open(Path clientRootDir);

    /**
     * Starts handing each print job that arrives in a spool folder (the session's shared print spool, where the
     * server's {@code x2goprint} drops {@code <job>.pdf} and {@code <job>.pdf.ready}) to a print action, once.
     *
     * @param spoolDir the local spool folder
     * @param action   the action, asked once per job (so a changed configuration applies to the next job)
     * @param dialog   asked when the action is DIALOG
     * @return a handle; closing it stops watching
     * @throws org.x2go.api.X2GoNotImplementedYetException when the backend cannot watch a spool folder
     */
    default AutoCloseable watchSpool(Path spoolDir, Supplier<PrintAction> action, PrintDialog dialog) {
        throw new org.x2go.api.X2GoNotImplementedYetException(getClass().getSimpleName() + " cannot watch a print spool");
    }
}
