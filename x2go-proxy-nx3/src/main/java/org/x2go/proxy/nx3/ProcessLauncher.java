package org.x2go.proxy.nx3;

import java.io.IOException;
import java.nio.file.Path;

import org.x2go.proxy.nx3.internal.SystemProcessLauncher;

/**
 * Spawns the proxy process. Replaceable so that tests (and unusual platforms) can control how
 * {@code nxproxy} is started; the default is {@link #system()}.
 */
@FunctionalInterface
public interface ProcessLauncher {
    /**
     * Starts the process.
     *
     * @param command   the command line and environment additions
     * @param outputLog the file that receives the process's standard output and error, appended to
     * @return the started process
     * @throws IOException when the process cannot be started
     */
    Process launch(Nx3CommandLine command, Path outputLog) throws IOException;

    /**
     * @return the launcher based on {@link ProcessBuilder}: the client's environment plus the
     *         command's additions, stdout and stderr both appended to {@code outputLog}
     */
    static ProcessLauncher system() {
        return SystemProcessLauncher.INSTANCE;
    }
}
