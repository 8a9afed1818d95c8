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
}
