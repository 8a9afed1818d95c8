package org.x2go.printing.file;

import org.x2go.spi.PrintingProvider;
import org.x2go.testkit.tck.PrintingProviderCompatibilityKit;

/** {@link MemoryPrintingProvider} against the testkit's compatibility kit. */
class MemoryPrintingKitTest extends PrintingProviderCompatibilityKit {
    @Override
    protected PrintingProvider provider() {
        return new MemoryPrintingProvider();
    }

    @Override
    protected boolean persists() {
        return false;
    }
}
