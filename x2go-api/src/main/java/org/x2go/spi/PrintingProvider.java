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
}
