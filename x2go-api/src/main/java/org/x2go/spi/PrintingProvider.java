package org.x2go.spi;

import java.nio.file.Path;

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
     * @param dialog   asked when the action is DIALOG: the job's title and PDF in, the action to take (empty:
     *                 drop the job) out
     * @return a handle; closing it stops watching
     * @throws org.x2go.api.X2GoNotImplementedYetException when the backend cannot watch a spool folder
     */
    default AutoCloseable watchSpool(Path spoolDir, java.util.function.Supplier<org.x2go.api.PrintAction> action,
                                     java.util.function.BiFunction<String, Path, java.util.Optional<org.x2go.api.PrintAction>> dialog) {
        throw new org.x2go.api.X2GoNotImplementedYetException(getClass().getSimpleName() + " cannot watch a print spool");
    }
}
