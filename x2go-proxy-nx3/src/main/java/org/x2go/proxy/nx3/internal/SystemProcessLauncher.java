package org.x2go.proxy.nx3.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.x2go.proxy.nx3.Nx3CommandLine;
import org.x2go.proxy.nx3.ProcessLauncher;

/** {@link ProcessLauncher} on {@link ProcessBuilder}. Stateless. */
public final class SystemProcessLauncher implements ProcessLauncher {
    /** The single instance. */
    public static final SystemProcessLauncher INSTANCE = new SystemProcessLauncher();

    private SystemProcessLauncher() {
    }

    @Override
    public Process launch(Nx3CommandLine command, Path outputLog) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        pb.environment().putAll(command.environment());
        // Both streams into session.log, appended, as python-x2go does; nxproxy writes
        // session.err itself through its errors= option.
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(outputLog.toFile()));
        Process process = pb.start();
        process.getOutputStream().close(); // nxproxy reads nothing from stdin
        return process;
    }
}
