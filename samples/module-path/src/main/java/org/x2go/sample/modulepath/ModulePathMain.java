package org.x2go.sample.modulepath;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

import org.slf4j.LoggerFactory;
import org.x2go.api.BackendKind;
import org.x2go.api.ConnectOptions;
import org.x2go.api.TerminalParams;
import org.x2go.client.X2GoClient;

/**
 * Reports what the module system resolved, then connects, starts, lists and terminates a session:
 * {@code java --module-path ... -m org.x2go.sample.modulepath/org.x2go.sample.modulepath.ModulePathMain
 * HOST PORT USER PASSWORD KNOWN_HOSTS SESSIONS_ROOT}. One fact per line on stdout; exit 0 when all went
 * well, 1 (with a {@code FAILED} line) otherwise.
 */
public final class ModulePathMain {

    private ModulePathMain() {
    }

    /**
     * @param args host, port, user, password, known_hosts file, sessions root
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length != 6) {
            out.println("FAILED usage: HOST PORT USER PASSWORD KNOWN_HOSTS SESSIONS_ROOT");
            System.exit(1);
        }
        out.println("module " + ModulePathMain.class.getModule().getName());
        out.println("client-module " + X2GoClient.class.getModule().getName());
        ModuleLayer.boot().modules().stream()
                .filter(m -> m.getName().startsWith("org.x2go.") || m.getName().startsWith("org.slf4j"))
                .sorted(Comparator.comparing(Module::getName))
                .forEach(m -> out.println("layer " + m.getName()
                        + (m.getDescriptor().isAutomatic() ? " automatic" : " named")));
        out.println("slf4j " + LoggerFactory.getILoggerFactory().getClass().getName());
        try (X2GoClient client = X2GoClient.builder().graphics(false).noGuardian()
                .sessionsRoot(Path.of(args[5])).build()) {
            for (Map.Entry<BackendKind, String> e : client.describeBackends().entrySet()) {
                out.println("backend " + e.getKey() + " " + e.getValue());
            }
            ConnectOptions options = ConnectOptions.builder(args[0], args[2]).port(Integer.parseInt(args[1]))
                    .password(args[3]).knownHosts(Path.of(args[4]))
                    .connectTimeout(Duration.ofSeconds(20)).commandTimeout(Duration.ofSeconds(20)).build();
            String profile = client.connect("module-path", options);
            out.println("connected");
            out.println("sessions " + client.listSessions(profile).sessions().size());
            UUID uuid = client.startSession(profile, TerminalParams.builder().command("xterm").build());
            String name = client.summary(uuid).orElseThrow().sessionName();
            out.println("started " + name);
            out.println("listed " + client.listSessions(profile).byName(name).isPresent());
            client.terminateSession(uuid);
            out.println("after-terminate " + client.listSessions(profile).byName(name).isPresent());
            client.disconnect(profile);
            out.println("DONE");
        } catch (RuntimeException e) {
            out.println("FAILED " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
