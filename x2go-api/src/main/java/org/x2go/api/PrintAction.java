package org.x2go.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to do with a print job that arrives from the server (spec R-DEF-5, §4.2).
 */
public sealed interface PrintAction {

    /** @return the action name as the {@code printing} file spells it */
    String actionName();

    /**
     * Open the PDF in a viewer.
     *
     * @param viewer the viewer command
     */
    record PdfView(String viewer) implements PrintAction {
        /** Validates the viewer. */
        public PdfView {
            Objects.requireNonNull(viewer, "viewer");
        }

        @Override
        public String actionName() {
            return "PDFVIEW";
        }
    }

    /**
     * Save the PDF into a folder.
     *
     * @param folder the target folder
     */
    record PdfSave(Path folder) implements PrintAction {
        /** Validates the folder. */
        public PdfSave {
            Objects.requireNonNull(folder, "folder");
        }

        @Override
        public String actionName() {
            return "PDFSAVE";
        }
    }

    /**
     * Print on a local printer.
     *
     * @param printer the printer name, empty for the default printer
     */
    record Print(String printer) implements PrintAction {
        /** Normalises a missing printer to the default. */
        public Print {
            printer = Objects.requireNonNullElse(printer, "");
        }

        @Override
        public String actionName() {
            return "PRINT";
        }
    }

    /**
     * Pipe the PDF to a command.
     *
     * @param command the command line
     */
    record PrintCmd(String command) implements PrintAction {
        /** Validates the command. */
        public PrintCmd {
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String actionName() {
            return "PRINTCMD";
        }
    }

    /** Ask the user (the application's print dialog hook). */
    record Dialog() implements PrintAction {
        @Override
        public String actionName() {
            return "DIALOG";
        }
    }
}
