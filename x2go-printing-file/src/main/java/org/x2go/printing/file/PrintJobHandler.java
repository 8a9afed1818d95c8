package org.x2go.printing.file;

/** Receives each finished print job exactly once (see {@link SpoolWatcher}). */
@FunctionalInterface
public interface PrintJobHandler {
    /**
     * Handles a job. The PDF is deleted when this returns; copy it first if it must outlive the call.
     *
     * @param job the job
     * @throws Exception when the job could not be handled; the watcher logs it and keeps the PDF
     */
    void handle(PrintJob job) throws Exception;
}
