package org.x2go.printing.file;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One finished print job from the spool directory (spec R-PRN-5): the PDF and its title.
 *
 * @param spoolDir the spool directory the job came from
 * @param pdf      the PDF file. From a {@link SpoolWatcher} this is a private copy of the spooled PDF (read
 *                 without following links, within the size limit), outside {@code spoolDir} where the server
 *                 cannot change it; deleted after the handler returns
 * @param title    the job title (second line of the {@code .ready} marker; {@code X2Go Print Job} by default).
 *                 The server writes it: escape it (e.g. {@link org.x2go.api.SafeText#excerpt(CharSequence)})
 *                 before a log or terminal shows it
 */
public record PrintJob(Path spoolDir, Path pdf, String title) {
    /** The title used when the marker has none. */
    public static final String DEFAULT_TITLE = "X2Go Print Job";

    /** Validates the fields. */
    public PrintJob {
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(pdf, "pdf");
        Objects.requireNonNull(title, "title");
    }
}
