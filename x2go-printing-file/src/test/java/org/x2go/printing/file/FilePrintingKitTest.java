package org.x2go.printing.file;

import org.x2go.spi.PrintingProvider;
import org.x2go.testkit.tck.PrintingProviderCompatibilityKit;

/** {@link FilePrintingProvider} against the testkit's compatibility kit. */
class FilePrintingKitTest extends PrintingProviderCompatibilityKit {
    @Override
    protected PrintingProvider provider() {
        return new FilePrintingProvider();
    }
}
