package org.x2go.printing.file;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.x2go.api.PrintAction;
import org.x2go.api.PrintDialog;
import org.x2go.spi.PrintingProvider;
import org.x2go.ini.IniStore;

/**
 * The {@code MEMORY} printing backend: defaults only, nothing on disk. Opening the same directory twice on
 * one provider instance gives the same configuration.
 */
public final class MemoryPrintingProvider implements PrintingProvider {
    private final Map<Path, IniPrintingConfig> open = new ConcurrentHashMap<>();

    /** Creates the provider (ServiceLoader). */
    public MemoryPrintingProvider() {
    }

    @Override
    public String name() {
        return "MEMORY";
    }

    @Override
    public IniPrintingConfig open(Path clientRootDir) {
        return open.computeIfAbsent(clientRootDir.toAbsolutePath().normalize(), dir -> new IniPrintingConfig(
                IniStore.memory("memory:" + dir.resolve(FilePrintingProvider.FILE_NAME), IniPrintingConfig.DEFAULTS::fill)));
    }

    /** Watches with {@link SpoolWatcher} and carries out the action with {@link PrintActionHandler}. */
    @Override
    public AutoCloseable watchSpool(Path spoolDir, Supplier<PrintAction> action, PrintDialog dialog) {
        return PrintActionHandler.watch(spoolDir, action, dialog);
    }
}
