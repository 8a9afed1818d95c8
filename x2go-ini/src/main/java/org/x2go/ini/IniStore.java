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
     * file atomically. The file is never truncated or half-written.
     *
     * @return true when something was written
     * @throws RuntimeException from the {@link ErrorFactory} when the file cannot be locked, read or written,
     *                          or another writer left it unparsable (it is then not overwritten)
     */
    boolean save();

    /** Discards pending changes and re-reads the content. */
    void reload();

    /**
     * Opens (and, when missing, creates with mode-0700 parent directories and writes) an ini file.
     *
     * @param file       the file
     * @param normaliser applied after every read (fills defaults); its changes alone never cause a write
     * @param errors     the area's exception
     * @return the store
     * @throws RuntimeException from {@code errors} for an unreadable or malformed file
     */
    static IniStore file(Path file, Consumer<IniDocument> normaliser, ErrorFactory errors) {
        return new FileIniStore(file, normaliser, errors);
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
