package org.x2go.printing.file;

import java.util.Optional;

/** The named printing properties of spec R-PRN-3 and where they live in the {@code printing} file. */
public enum PrintProperty {
    /** {@code pdfview_cmd} ↔ {@code [view] command}. */
    PDFVIEW_CMD("pdfview_cmd", "view", "command"),
    /** {@code save_to_folder} ↔ {@code [save] folder}. */
    SAVE_TO_FOLDER("save_to_folder", "save", "folder"),
    /** {@code printer} ↔ {@code [CUPS] defaultprinter}. */
    PRINTER("printer", "CUPS", "defaultprinter"),
    /** {@code print_cmd} ↔ {@code [print] command}. */
    PRINT_CMD("print_cmd", "print", "command");

    private final String pythonName;
    private final String section;
    private final String key;

    PrintProperty(String pythonName, String section, String key) {
        this.pythonName = pythonName;
        this.section = section;
        this.key = key;
    }

    /** @return python-x2go's property name */
    public String pythonName() {
        return pythonName;
    }

    /** @return the ini section */
    public String section() {
        return section;
    }

    /** @return the ini key */
    public String key() {
        return key;
    }

    /**
     * @param pythonName a python property name such as {@code print_cmd}
     * @return the property
     */
    public static Optional<PrintProperty> byPythonName(String pythonName) {
        for (PrintProperty p : values()) {
            if (p.pythonName.equals(pythonName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
