/** The {@code FILE} (and in-memory) printing-configuration backends. */
module org.x2go.printing.file {
    requires transitive org.x2go.api;
    requires org.x2go.ini;
    requires org.slf4j;

    exports org.x2go.printing.file;

    provides org.x2go.spi.PrintingProvider
            with org.x2go.printing.file.FilePrintingProvider, org.x2go.printing.file.MemoryPrintingProvider;
}
