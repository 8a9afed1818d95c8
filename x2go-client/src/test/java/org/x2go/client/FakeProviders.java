package org.x2go.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.x2go.api.AgentInfo;
import org.x2go.api.ConnectOptions;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.TerminalParams;
import org.x2go.spi.ClientSettings;
import org.x2go.spi.ControlSession;
import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.NamedProvider;
import org.x2go.spi.PrintingConfig;
import org.x2go.spi.PrintingProvider;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionInfoParser;
import org.x2go.spi.SessionListParser;
import org.x2go.spi.SessionProfiles;
import org.x2go.spi.SessionProfilesProvider;
import org.x2go.spi.SettingsProvider;
import org.x2go.spi.SshTransport;
import org.x2go.spi.TerminalSession;
import org.x2go.spi.TerminalSessionProvider;

/** Do-nothing providers of every SPI, used to test selection and wiring without real backends. */
public final class FakeProviders {
    private FakeProviders() {
    }

    /** One provider of every kind, all with the given name. */
    static List<NamedProvider> all(String name) {
        return List.of(new Control(name), new Terminal(name), new Info(name), new ListP(name), new Proxy(name),
                new Settings(name), new Profiles(name), new Printing(name), new Ssh(name));
    }

    /** Base with a configurable name. */
    abstract static class Named implements NamedProvider {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "(" + name + ")";
        }
    }

    public static final class Control extends Named implements ControlSessionProvider {
        Control(String n) {
            super(n);
        }

        /** ServiceLoader constructor. */
        public Control() {
            this("FAKE");
        }

        @Override
        public ControlSession create(RemoteShell shell, SessionListParser p, Duration t) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Terminal extends Named implements TerminalSessionProvider {
        Terminal(String n) {
            super(n);
        }

        /** ServiceLoader constructor. */
        public Terminal() {
            this("FAKE");
        }

        @Override
        public TerminalSession start(ControlSession c, TerminalParams p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TerminalSession resume(ControlSession c, String s, TerminalParams p) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Info extends Named implements SessionInfoParser {
        Info(String n) {
            super(n);
        }

        /** ServiceLoader constructor. */
        public Info() {
            this("FAKE");
        }

        @Override
        public SessionInfo parseLine(String line) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AgentInfo parseAgent(String output) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class ListP extends Named implements SessionListParser {
        ListP(String n) {
            super(n);
        }

        /** ServiceLoader constructor. */
        public ListP() {
            this("FAKE");
        }

        @Override
        public SessionList parse(String output) {
            return SessionList.EMPTY;
        }
    }

    public static final class Proxy extends Named implements ProxyProvider {
        Proxy(String n) {
            super(n);
        }

        /** ServiceLoader constructor. */
        public Proxy() {
            this("FAKE");
        }

        @Override
        public GraphicsProxy start(ProxyRequest r) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Settings extends Named implements SettingsProvider {
        Settings(String n) {
            super(n);
        }

        /** ServiceLoader constructor. */
        public Settings() {
            this("FAKE");
        }

        @Override
        public ClientSettings open(Path dir) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Profiles extends Named implements SessionProfilesProvider {
        Profiles(String n) {
            super(n);
        }

        /** ServiceLoader constructor. */
        public Profiles() {
            this("FAKE");
        }

        @Override
        public SessionProfiles open(Path dir) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Printing extends Named implements PrintingProvider {
        Printing(String n) {
            super(n);
        }

        /** ServiceLoader constructor. */
        public Printing() {
            this("FAKE");
        }

        @Override
        public PrintingConfig open(Path dir) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Ssh extends Named implements SshTransport {
        Ssh(String n) {
            super(n);
        }

        /** ServiceLoader constructor. */
        public Ssh() {
            this("FAKE");
        }

        @Override
        public RemoteShell connect(ConnectOptions options) {
            throw new UnsupportedOperationException();
        }
    }
}
