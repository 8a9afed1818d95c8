package org.x2go.printing.file;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

import org.x2go.api.IniValues;
import org.x2go.api.PrintAction;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoClientPrintingException;
import org.x2go.spi.PrintingConfig;
import org.x2go.ini.IniDefaults;
import org.x2go.ini.IniStore;

/**
 * {@link PrintingConfig} on an {@link IniStore}: x2goclient's {@code printing} file (spec §4.2) or memory.
 * Thread-safe. A value that is not a boolean where one is expected → {@link X2GoClientPrintingException}
 * naming file, line and key.
 */
public final class IniPrintingConfig implements PrintingConfig {

    /** The defaults of R-PRN-1 (Unix), in file order. */
    public static final IniDefaults DEFAULTS = IniDefaults.builder()
            .bool("General", "showdialog", false).bool("General", "pdfview", true)
            .bool("print", "startcmd", false).text("print", "command", "lpr").bool("print", "stdin", false)
            .bool("print", "ps", false)
            .text("save", "folder", "PDF")
            .bool("view", "open", true).text("view", "command", "xdg-open")
            .text("CUPS", "defaultprinter", "PDF")
            .build();

    private final IniStore store;

    /** @param store where the configuration lives; its normaliser should fill {@link #DEFAULTS} */
    public IniPrintingConfig(IniStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The action with a dialog available: {@code showdialog} gives {@link PrintAction.Dialog}. */
    @Override
    public PrintAction action() {
        return action(true);
    }

    /**
     * Derives the action (R-PRN-2): DIALOG when {@code showdialog} and a dialog is available; else
     * PDFVIEW / PDFSAVE by {@code view/open} when {@code pdfview}; else PRINT / PRINTCMD by {@code startcmd}.
     *
     * @param dialogAvailable whether the application can show a print dialog
     * @return the action
     * @throws X2GoClientPrintingException naming file, line and key for a malformed boolean
     */
    @Override
    public synchronized PrintAction action(boolean dialogAvailable) {
        boolean pdfview = bool("General", "pdfview");
        boolean open = bool("view", "open");
        boolean startcmd = bool("print", "startcmd");
        boolean dialog = bool("General", "showdialog");
        if (dialog && dialogAvailable) {
            return new PrintAction.Dialog();
        }
        if (pdfview) {
            return open ? new PrintAction.PdfView(property(PrintProperty.PDFVIEW_CMD))
                    : new PrintAction.PdfSave(Path.of(property(PrintProperty.SAVE_TO_FOLDER)));
        }
        return startcmd ? new PrintAction.PrintCmd(property(PrintProperty.PRINT_CMD))
                : new PrintAction.Print(property(PrintProperty.PRINTER));
    }

    /**
     * Stores an action (R-PRN-4): {@code showdialog} := DIALOG; the flags of the action; and its property
     * (viewer, folder, printer or command). Written by {@link #save()}.
     *
     * @param action the action
     */
    @Override
    public synchronized void setAction(PrintAction action) {
        Objects.requireNonNull(action, "action");
        // check the action's text first, so a refused value leaves no half-applied action behind
        if (action instanceof PrintAction.PdfView v) {
            requireStorable(PrintProperty.PDFVIEW_CMD, v.viewer());
        } else if (action instanceof PrintAction.PdfSave s) {
            requireStorable(PrintProperty.SAVE_TO_FOLDER, s.folder().toString());
        } else if (action instanceof PrintAction.Print p) {
            requireStorable(PrintProperty.PRINTER, p.printer());
        } else if (action instanceof PrintAction.PrintCmd c) {
            requireStorable(PrintProperty.PRINT_CMD, c.command());
        }
        set("General", "showdialog", action instanceof PrintAction.Dialog);
        if (action instanceof PrintAction.PdfView v) {
            set("General", "pdfview", true);
            set("view", "open", true);
            setProperty(PrintProperty.PDFVIEW_CMD, v.viewer());
        } else if (action instanceof PrintAction.PdfSave s) {
            set("General", "pdfview", true);
            set("view", "open", false);
            setProperty(PrintProperty.SAVE_TO_FOLDER, s.folder().toString());
        } else if (action instanceof PrintAction.Print p) {
            set("General", "pdfview", false);
            set("print", "startcmd", false);
            setProperty(PrintProperty.PRINTER, p.printer());
        } else if (action instanceof PrintAction.PrintCmd c) {
            set("General", "pdfview", false);
            set("print", "startcmd", true);
            setProperty(PrintProperty.PRINT_CMD, c.command());
        }
    }

    /**
     * @param property a property
     * @return its value
     */
    public synchronized String property(PrintProperty property) {
        return store.document().get(property.section(), property.key())
                .orElseGet(() -> DEFAULTS.get(property.section(), property.key()).orElseThrow().text());
    }

    /**
     * @param property a property
     * @param value    its new value (one line)
     * @throws X2GoClientPrintingException when the value cannot be stored exactly (line breaks, other control
     *                                     characters, edge whitespace); nothing is changed then
     */
    public synchronized void setProperty(PrintProperty property, String value) {
        requireStorable(property, value);
        store.document().set(property.section(), property.key(), value);
    }

    private void requireStorable(PrintProperty property, String value) {
        Objects.requireNonNull(value, "value");
        try {
            store.document().requireStorable(property.section(), property.key(), value);
        } catch (IllegalArgumentException e) {
            throw new X2GoClientPrintingException(store.source() + ": " + property.pythonName()
                    + " cannot be stored: '" + SafeText.excerpt(value) + "': " + e.getMessage(), e);
        }
    }

    /**
     * python's {@code get_property} by name.
     *
     * @param pythonName e.g. {@code print_cmd}
     * @return the value
     * @throws X2GoClientPrintingException for an unknown name
     */
    public synchronized String property(String pythonName) {
        return property(known(pythonName));
    }

    /**
     * python's {@code set_property}: the value must be text, like the default.
     *
     * @param pythonName e.g. {@code print_cmd}
     * @param value      the value
     * @throws X2GoClientPrintingException for an unknown name or a value that is not a {@link String}
     */
    public synchronized void setProperty(String pythonName, Object value) {
        PrintProperty p = known(pythonName);
        if (!(value instanceof String s)) {
            throw new X2GoClientPrintingException(store.source() + ": type mismatch for printing property "
                    + pythonName + ": expected text, got " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        setProperty(p, s);
    }

    @Override
    public synchronized void save() {
        store.save();
    }

    /** Discards unsaved changes and re-reads the file (edits take effect for the next job, R-PRN-5). */
    public synchronized void reload() {
        store.reload();
    }

    /** @return the configuration as file text */
    public synchronized String serialize() {
        return store.document().serialize();
    }

    /** @return the file (or memory label) */
    public String source() {
        return store.source();
    }

    private PrintProperty known(String pythonName) {
        return PrintProperty.byPythonName(pythonName).orElseThrow(() -> new X2GoClientPrintingException(
                store.source() + ": unknown printing property '" + pythonName + "'"));
    }

    private void set(String section, String key, boolean value) {
        store.document().set(section, key, IniValues.format(value));
    }

    private boolean bool(String section, String key) {
        String v = store.document().get(section, key)
                .orElseGet(() -> DEFAULTS.get(section, key).orElseThrow().text());
        try {
            return IniValues.parseBoolean(v);
        } catch (IllegalArgumentException e) {
            OptionalInt line = store.document().line(section, key);
            throw new X2GoClientPrintingException(store.source() + (line.isPresent() ? " line " + line.getAsInt() : "")
                    + " key '" + key + "' in [" + section + "]: " + e.getMessage(), e);
        }
    }
}
