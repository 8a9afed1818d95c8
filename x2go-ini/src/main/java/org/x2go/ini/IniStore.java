package org.x2go.ini;

import java.nio.file.Path;
import java.util.function.Consumer;


/**
 * Where an {@link IniDocument} lives: a file ({@link #file}) or memory ({@link #memory}). Not thread-safe:
 * owners synchronise.
 */
public interface IniStore {

    /** Builds the area's exception ({@code X2GoClientSettingsException::new}, ...). */
    @FunctionalInterface
    interface ErrorFactory {
        /**
         * @param message what went wrong, naming file, line and key
         * @param cause   the underlying failure, or null
         * @return the exception to throw
         */
        RuntimeException create(String message, Throwable cause);
    }

    /**
     * @return the live document; it may be a new object after {@link #save()} or {@link #reload()}, so do not
     *         keep it
     */
    IniDocument document();

    /** @return the file name (or memory label) used in messages */
    String source();

    /**
     * Persists pending changes. For a file: under a lock shared by threads and processes, re-reads the file;
     * when another writer changed it since it was read, this store's changes are re-applied on top of that
     * content; then the result is written to a temporary file in the same directory and moved over the
     * file atomically. A symbolic link is followed to its target, which is the file replaced (the link stays).
     * The file is never truncated or half-written; a missing file and its directories are created here.
     *
     * @return true when something was written
     * @throws RuntimeException from the {@link ErrorFactory} when the file cannot be locked, read or written,
     *                          or another writer left it unparsable (it is then not overwritten)
     */
    boolean save();

    /**
     * Discards pending changes and re-reads the content; a missing file reads as the normalised empty
     * document.
     */
    void reload();

    /** What opening a file store does when the file does not exist. */
    enum WhenMissing {
        /**
         * Nothing: the store holds the normalised empty document, and the file, its mode-0700 directories and
         * the lock file are first created by a {@link IniStore#save()} that has changes to write. Opening to
         * read (and failing to find something) leaves no trace.
         */
        CREATE_ON_SAVE,
        /**
         * Writes the normalised empty document at once (x2goclient's {@code settings} and {@code printing}
         * files, which python-x2go creates with their defaults, TV-45).
         */
        CREATE_ON_OPEN
    }

    /**
     * Opens an ini file and, when it is missing, creates it with mode-0700 parent directories and writes the
     * normalised empty document ({@link WhenMissing#CREATE_ON_OPEN}).
     *
     * @param file       the file
     * @param normaliser applied after every read (fills defaults); its changes alone never cause a write
     * @param errors     the area's exception
     * @return the store
     * @throws RuntimeException from {@code errors} for an unreadable or malformed file
     */
    static IniStore file(Path file, Consumer<IniDocument> normaliser, ErrorFactory errors) {
        return file(file, normaliser, errors, WhenMissing.CREATE_ON_OPEN);
    }

    /**
     * Opens an ini file. Reading never creates or changes anything; a missing file (or a link to one) reads
     * as the normalised empty document. A symbolic link is written through to its target, which is replaced
     * atomically in its own directory.
     *
     * @param file        the file
     * @param normaliser  applied after every read (fills defaults); its changes alone never cause a write
     * @param errors      the area's exception
     * @param whenMissing whether a missing file is written when opened or on the first save with changes
     * @return the store
     * @throws RuntimeException from {@code errors} for an unreadable, oversized or malformed file
     */
    static IniStore file(Path file, Consumer<IniDocument> normaliser, ErrorFactory errors, WhenMissing whenMissing) {
        return new FileIniStore(file, normaliser, errors, java.util.Objects.requireNonNull(whenMissing, "whenMissing"));
    }

    /**
     * @param label      a name for messages
     * @param normaliser applied to the initial, empty document (fills defaults)
     * @return an in-memory store; {@link #save()} only clears the pending changes
     */
    static IniStore memory(String label, Consumer<IniDocument> normaliser) {
        return new MemoryIniStore(label, normaliser);
    }
}
