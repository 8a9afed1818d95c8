package org.x2go.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.x2go.api.PublishedApplication;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionListParser;
import org.x2go.testkit.internal.Shell;

/**
 * A minimal control session used only to prove that {@code ControlSessionCompatibilityKit} can be
 * passed. Quotes the whole inner command for {@code sh -c} (unlike python-x2go, Q-21).
 */
final class ReferenceControlSessionProvider implements ControlSessionProvider {

    @Override
    public String name() {
        return "REFERENCE-TEST";
    }

    @Override
    public ControlSession create(RemoteShell shell, SessionListParser listParser, Duration commandTimeout) {
        return new ControlSession() {
            @Override
            public CommandResult run(String command) {
                String id = UUID.randomUUID().toString();
                String wire = "echo X2GODATABEGIN:" + id + "; PATH=/usr/local/bin:/usr/bin:/bin sh -c "
                        + Shell.quote(command) + "; echo X2GODATAEND:" + id;
                CommandResult r;
                try {
                    r = shell.exec(wire, commandTimeout);
                } catch (X2GoControlSessionException e) {
                    throw e;
                } catch (X2GoException e) {
                    throw new X2GoControlSessionException("command failed: " + command, e);
                }
                StringBuilder out = new StringBuilder();
                boolean in = false;
                for (String line : r.stdout().split("\n", -1)) {
                    if (!in) {
                        in = line.startsWith("X2GODATABEGIN:" + id);
                    } else if (line.startsWith("X2GODATAEND:" + id)) {
                        break;
                    } else {
                        out.append(line).append('\n');
                    }
                }
                return new CommandResult(out.toString(), r.stderr(), r.exitStatus());
            }

            private List<String> lines(String cmd) {
                return Arrays.stream(run(cmd).stdout().split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
            }

            @Override
            public Set<String> features() {
                return new LinkedHashSet<>(lines("which x2gofeaturelist >/dev/null && x2gofeaturelist"));
            }

            @Override
            public Map<String, String> versions() {
                Map<String, String> m = new LinkedHashMap<>();
                for (String l : lines("which x2goversion >/dev/null && x2goversion")) {
                    int c = l.indexOf(':');
                    if (c > 0) {
                        m.put(l.substring(0, c).strip(), l.substring(c + 1).strip());
                    }
                }
                return m;
            }

            @Override
            public String remoteHome() {
                return lines("echo $HOME").get(0);
            }

            @Override
            public SessionList listSessions() {
                return listParser.parse(run("export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }").stdout());
            }

            @Override
            public List<String> listDesktops() {
                return lines("export HOSTNAME && x2golistdesktops");
            }

            @Override
            public List<String> listMounts(String sessionName) {
                return lines("export HOSTNAME && x2golistmounts " + Shell.quote(sessionName));
            }

            @Override
            public void suspend(String sessionName) {
                run("x2gosuspend-session " + Shell.quote(sessionName));
            }

            @Override
            public void terminate(String sessionName) {
                run("x2goterminate-session " + Shell.quote(sessionName));
            }

            @Override
            public List<PublishedApplication> publishedApplications() {
                List<PublishedApplication> apps = new java.util.ArrayList<>();
                for (String item : run("which x2gogetapps >/dev/null && x2gogetapps").stdout().split("</desktop>\n")) {
                    String text = item.replace("<desktop>\n", "");
                    String icon = null;
                    int i0 = text.indexOf("<icon>\n");
                    int i1 = text.indexOf("</icon>\n");
                    if (i0 >= 0 && i1 > i0) {
                        icon = text.substring(i0 + 7, i1).strip();
                        text = text.substring(0, i0) + text.substring(i1 + 8);
                    }
                    Map<String, String> kv = new LinkedHashMap<>();
                    for (String l : text.split("\n")) {
                        int eq = l.indexOf('=');
                        if (eq > 0) {
                            kv.putIfAbsent(l.substring(0, eq), l.substring(eq + 1));
                        }
                    }
                    if (kv.containsKey("Exec")) {
                        apps.add(new PublishedApplication(kv.getOrDefault("Name", ""), kv.getOrDefault("Comment", ""),
                                kv.get("Exec"), "true".equalsIgnoreCase(kv.get("Terminal")),
                                List.of(kv.getOrDefault("Categories", "").split(";")), java.util.Optional.ofNullable(icon),
                                Map.of(), Map.of()));
                    }
                }
                return apps;
            }

            @Override
            public boolean isAlive() {
                try {
                    run("echo");
                    return true;
                } catch (X2GoException e) {
                    return false;
                }
            }

            @Override
            public RemoteShell shell() {
                return shell;
            }

            @Override
            public void close() {
                shell.close();
            }
        };
    }
}
