package org.x2go.spi;

import org.x2go.api.PrintAction;

/** The client's print configuration (x2goclient's {@code printing} file, spec §4.2). */
public interface PrintingConfig {
    /** @return the configured action for incoming print jobs */
    PrintAction action();

    /** @param action the new action; {@link #save()} writes it */
    void setAction(PrintAction action);

    /** Writes the configuration atomically. */
    void save();

    /**
     * The action when the application may or may not show a print dialog (spec R-PRN-2: DIALOG only
     * applies when a client can show one; otherwise the next rule decides).
     *
     * @param dialogAvailable whether the application can show a print dialog
     * @return the action
     */
    default PrintAction action(boolean dialogAvailable) {
        return action();
    }
}
