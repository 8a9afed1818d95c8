/**
 * FILE (and MEMORY) printing backend: x2goclient's {@code ~/.x2goclient/printing} file as a typed
 * {@link org.x2go.api.PrintAction} ({@link org.x2go.printing.file.IniPrintingConfig}), the spool-directory
 * watcher that hands each finished job to a handler exactly once ({@link org.x2go.printing.file.SpoolWatcher}),
 * and a handler that carries out the configured action ({@link org.x2go.printing.file.PrintActionHandler}).
 */
package org.x2go.printing.file;
