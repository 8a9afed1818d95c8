package org.x2go.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Chooses what to do with one print job when the print action is {@link PrintAction.Dialog DIALOG}: the
 * application's print dialog. Called once per job, on the print queue's thread, and may block while the user
 * decides.
 */
@FunctionalInterface
public interface PrintDialog {

    /** A dialog that drops every job (for clients that cannot show one). */
    PrintDialog CANCEL_ALL = (title, pdf) -> Optional.empty();

    /**
     * @param title the job's title, as the remote application named it (untrusted text)
     * @param pdf   the job's PDF, readable until this call returns
     * @return the action to take (not {@link PrintAction.Dialog DIALOG} again), or empty to drop the job
     */
    Optional<PrintAction> choose(String title, Path pdf);
}
