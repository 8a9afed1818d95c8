package org.x2go.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.x2go.testkit.internal.Shell.AndOr;
import org.x2go.testkit.internal.Shell.Group;
import org.x2go.testkit.internal.Shell.Node;
import org.x2go.testkit.internal.Shell.Pipeline;
import org.x2go.testkit.internal.Shell.Redirect;
import org.x2go.testkit.internal.Shell.Sequence;
import org.x2go.testkit.internal.Shell.Simple;

/**
 * Runs parsed command lines against built-in commands and the X2Go command handlers. One instance
 * per exec request; not thread-safe.
 */
public final class FakeShell {

    /** A command implemented in Java. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param call the invocation
         * @return the exit status
         * @throws InterruptedException when the channel is closed while the command waits
         */
        int run(Call call) throws InterruptedException;
    }

    /**
     * One invocation of a command.
     *
     * @param name  the command name as typed (without directory)
     * @param args  the arguments after the name
     * @param env   the environment
     * @param stdin standard input text
     * @param out   standard output
     * @param err   standard error
     * @param shell the shell running it (for {@code sh -c})
     */
    public record Call(String name, List<String> args, Map<String, String> env, String stdin, Output out,
                       Output err, FakeShell shell) {
    }

    /** Directories where the fake pretends its commands are installed. */
    public static final List<String> BIN_DIRS = List.of("/usr/local/bin", "/usr/bin", "/bin");

    private final Map<String, Handler> handlers;
    private final FakeFiles files;
    private final Map<String, String> env;
    private int lastStatus;

    /**
     * @param handlers the X2Go commands (and any other extras), by name
     * @param files    the fake file system
     * @param env      the login environment (copied)
     */
    public FakeShell(Map<String, Handler> handlers, FakeFiles files, Map<String, String> env) {
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.files = Objects.requireNonNull(files, "files");
        this.env = new LinkedHashMap<>(env);
    }

    /** @return names of every command {@code which} finds */
    public Set<String> commandNames() {
        Set<String> all = new TreeSet<>(handlers.keySet());
        all.addAll(BUILTINS);
        return all;
    }

    private static final Set<String> BUILTINS = Set.of("echo", "printf", "sleep", "seq", "true", "false", "exit",
            "export", "sh", "bash", "dash", "setsid", "nohup", "which", "test", "[", "stat", "cat", "env", ":",
            "mkdir", "rm", "touch", "id", "whoami", "hostname", "uname", "umask");

    /**
     * Parses and runs a command line.
     *
     * @param line the line
     * @param out  stdout
     * @param err  stderr
     * @return the exit status of the last command
     * @throws InterruptedException when interrupted while a command sleeps
     */
    public int run(String line, Output out, Output err) throws InterruptedException {
        Node node;
        try {
            node = Shell.parse(line);
        } catch (ShellSyntaxException e) {
            err.write("sh: 1: Syntax error: " + e.getMessage() + "\n");
            return 2;
        }
        try {
            return exec(node, "", out, err);
        } catch (ExitException e) {
            return e.status;
        } catch (ShellSyntaxException e) {
            err.write("sh: 1: " + e.getMessage() + "\n");
            return 2;
        }
    }

    private static final class ExitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        ExitException(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private int exec(Node node, String stdin, Output out, Output err) throws InterruptedException {
        int status;
        if (node instanceof Sequence seq) {
            status = 0;
            for (Node item : seq.items()) {
                status = exec(item, stdin, out, err);
            }
        } else if (node instanceof AndOr ao) {
            status = exec(ao.left(), stdin, out, err);
            if ((status == 0) == ao.and()) {
                status = exec(ao.right(), stdin, out, err);
            }
        } else if (node instanceof Pipeline p) {
            String input = stdin;
            status = 0;
            for (int i = 0; i < p.commands().size(); i++) {
                boolean last = i == p.commands().size() - 1;
                StringBuilder buf = new StringBuilder();
                status = exec(p.commands().get(i), input, last ? out : Output.of(buf), err);
                input = buf.toString();
            }
        } else if (node instanceof Group g) {
            Output[] io = redirect(g.redirects(), out, err);
            status = exec(g.body(), stdin, io[0], io[1]);
        } else {
            status = simple((Simple) node, stdin, out, err);
        }
        lastStatus = status;
        env.put("?", Integer.toString(status));
        return status;
    }

    private Output[] redirect(List<Redirect> redirects, Output out, Output err) {
        Output[] fds = {null, out, err};
        for (Redirect r : redirects) {
            String target = r.target().expand(env);
            switch (r.kind()) {
                case DUP -> {
                    int from = r.fd();
                    if (target.equals("-")) {
                        setFd(fds, from, Output.NULL);
                    } else {
                        int to = parseFd(target);
                        setFd(fds, from, fds[to]);
                    }
                }
                case WRITE, APPEND -> {
                    Output sink = fileSink(target, r.kind() == Shell.RedirKind.APPEND);
                    if (r.fd() == -1) {
                        fds[1] = sink;
                        fds[2] = sink;
                    } else {
                        setFd(fds, r.fd(), sink);
                    }
                }
                case READ -> {
                    // input redirection: the fake's commands ignore stdin except cat, which is rare here
                }
                default -> throw new IllegalStateException();
            }
        }
        return new Output[] {fds[1], fds[2]};
    }

    private static void setFd(Output[] fds, int fd, Output o) {
        if (fd == 1 || fd == 2) {
            fds[fd] = o;
        }
    }

    private static int parseFd(String s) {
        if (!s.equals("1") && !s.equals("2")) {
            throw new ShellSyntaxException("unsupported file descriptor '" + s + "'");
        }
        return Integer.parseInt(s);
    }

    private Output fileSink(String target, boolean append) {
        if (target.equals("/dev/null")) {
            return Output.NULL;
        }
        Path p = files.resolve(target, env.getOrDefault("HOME", "/"));
        // as a shell does: the file is created (or emptied) when the redirection is set up, even if nothing is
        // written (": > file"), and a directory cannot be a target
        if (Files.isDirectory(p)) {
            throw new UncheckedIOException("cannot create " + target + ": Is a directory",
                    new IOException(target + " is a directory"));
        }
        try {
            Files.createDirectories(p.getParent());
            if (append) {
                if (!Files.exists(p)) {
                    Files.createFile(p);
                }
            } else {
                Files.writeString(p, "", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target, e);
        }
        boolean[] first = {false};
        return text -> {
            try {
                Files.createDirectories(p.getParent());
                if (first[0]) {
                    Files.writeString(p, text, StandardCharsets.UTF_8);
                    first[0] = false;
                } else {
                    Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        };
    }

    private int simple(Simple cmd, String stdin, Output out, Output err) throws InterruptedException {
        Output[] io;
        try {
            io = redirect(cmd.redirects(), out, err);
        } catch (ShellSyntaxException | UncheckedIOException e) {
            err.write("sh: 1: " + e.getMessage() + "\n");
            return 2;
        }
        Map<String, String> cmdEnv = new LinkedHashMap<>(env);
        for (Map.Entry<String, Shell.Word> a : cmd.assignments()) {
            cmdEnv.put(a.getKey(), a.getValue().expand(env));
        }
        if (cmd.words().isEmpty()) {
            // plain assignments set shell variables
            for (Map.Entry<String, Shell.Word> a : cmd.assignments()) {
                env.put(a.getKey(), a.getValue().expand(env));
            }
            return 0;
        }
        List<String> words = new ArrayList<>();
        for (Shell.Word w : cmd.words()) {
            words.add(w.expand(cmdEnv));
        }
        return invoke(words, cmdEnv, stdin, io[0], io[1]);
    }

    /**
     * Runs one command given as words.
     *
     * @param words command name and arguments
     * @param cmdEnv its environment
     * @param stdin  its input
     * @param out    stdout
     * @param err    stderr
     * @return its exit status
     * @throws InterruptedException when interrupted
     */
    public int invoke(List<String> words, Map<String, String> cmdEnv, String stdin, Output out, Output err)
            throws InterruptedException {
        String path = words.get(0);
        String name = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
        List<String> args = words.subList(1, words.size());
        if (path.contains("/") && !isKnownPath(path, name)) {
            err.write("sh: 1: " + path + ": not found\n");
            return 127;
        }
        Handler h = handlers.get(name);
        if (h != null) {
            return h.run(new Call(name, List.copyOf(args), cmdEnv, stdin, out, err, this));
        }
        return switch (name) {
            case "echo" -> echo(args, out);
            case "printf" -> printf(args, out, err);
            case ":", "true", "umask" -> 0;
            case "false" -> 1;
            case "exit" -> throw new ExitException(args.isEmpty() ? lastStatus : parseInt(args.get(0), 2));
            case "export" -> {
                for (String a : args) {
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        env.put(a.substring(0, eq), a.substring(eq + 1));
                    }
                }
                yield 0;
            }
            case "sleep" -> sleep(args, err);
            case "seq" -> seq(args, out, err);
            case "sh", "bash", "dash" -> subShell(name, args, cmdEnv, stdin, out, err);
            case "setsid", "nohup", "env" -> args.isEmpty() ? 0 : invoke(stripEnv(name, args, cmdEnv), cmdEnv,
                    stdin, out, err);
            case "which" -> which(args, out);
            case "test" -> test(args, err);
            case "[" -> {
                if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
                    err.write("sh: 1: [: missing ]\n");
                    yield 2;
                }
                yield test(args.subList(0, args.size() - 1), err);
            }
            case "stat" -> stat(args, cmdEnv, out, err);
            case "cat" -> cat(args, cmdEnv, stdin, out, err);
            case "mkdir", "touch" -> fileOp(name, args, cmdEnv, err);
            case "rm" -> fileOp(name, args, cmdEnv, err);
            case "id", "whoami" -> {
                out.write(cmdEnv.getOrDefault("USER", "") + "\n");
                yield 0;
            }
            case "hostname" -> {
                out.write(cmdEnv.getOrDefault("HOSTNAME", "localhost") + "\n");
                yield 0;
            }
            case "uname" -> {
                out.write("Linux\n");
                yield 0;
            }
            default -> {
                err.write("sh: 1: " + name + ": not found\n");
                yield 127;
            }
        };
    }

    private List<String> stripEnv(String name, List<String> args, Map<String, String> cmdEnv) {
        List<String> rest = new ArrayList<>(args);
        if (name.equals("env")) {
            while (!rest.isEmpty() && rest.get(0).contains("=")) {
                String a = rest.remove(0);
                cmdEnv.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        } else {
            while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
                rest.remove(0);
            }
        }
        if (rest.isEmpty()) {
            rest.add("true");
        }
        return rest;
    }

    private boolean isKnownPath(String path, String name) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        boolean known = handlers.containsKey(name) || BUILTINS.contains(name);
        return known && (BIN_DIRS.contains(dir) || dir.startsWith("/usr/lib/x2go") || dir.startsWith("/usr/share/x2go"));
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int echo(List<String> args, Output out) {
        boolean newline = true;
        boolean escapes = false;
        int i = 0;
        while (i < args.size() && args.get(i).matches("-[neE]+")) {
            for (char c : args.get(i).substring(1).toCharArray()) {
                if (c == 'n') {
                    newline = false;
                } else if (c == 'e') {
                    escapes = true;
                } else {
                    escapes = false;
                }
            }
            i++;
        }
        String text = String.join(" ", args.subList(i, args.size()));
        if (escapes) {
            text = unescape(text);
        }
        out.write(newline ? text + "\n" : text);
        return 0;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                switch (d) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\' -> b.append('\\');
                    default -> b.append('\\').append(d);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int printf(List<String> args, Output out, Output err) {
        if (args.isEmpty()) {
            err.write("printf: usage: printf format [arguments]\n");
            return 2;
        }
        // only %s and escapes: enough for scripts that print fixed text
        String fmt = unescape(args.get(0));
        StringBuilder b = new StringBuilder();
        int argi = 1;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '%' && i + 1 < fmt.length()) {
                char d = fmt.charAt(++i);
                if (d == 's' || d == 'd') {
                    b.append(argi < args.size() ? args.get(argi++) : "");
                } else {
                    b.append(d);
                }
            } else {
                b.append(c);
            }
        }
        out.write(b.toString());
        return 0;
    }

    private static int sleep(List<String> args, Output err) throws InterruptedException {
        if (args.size() != 1) {
            err.write("sleep: missing operand\n");
            return 1;
        }
        double secs;
        try {
            secs = Double.parseDouble(args.get(0));
        } catch (NumberFormatException e) {
            err.write("sleep: invalid time interval '" + args.get(0) + "'\n");
            return 1;
        }
        if (secs < 0 || Double.isNaN(secs) || Double.isInfinite(secs)) {
            err.write("sleep: invalid time interval '" + args.get(0) + "'\n");
            return 1;
        }
        Thread.sleep(Duration.ofMillis((long) (secs * 1000)).toMillis());
        return 0;
    }

    private static int seq(List<String> args, Output out, Output err) {
        long first = 1;
        long last;
        try {
            if (args.size() == 1) {
                last = Long.parseLong(args.get(0));
            } else if (args.size() == 2) {
                first = Long.parseLong(args.get(0));
                last = Long.parseLong(args.get(1));
            } else {
                err.write("seq: missing operand\n");
                return 1;
            }
        } catch (NumberFormatException e) {
            err.write("seq: invalid argument: " + args + "\n");
            return 1;
        }
        StringBuilder b = new StringBuilder();
        for (long i = first; i <= last; i++) {
            b.append(i).append('\n');
            if (b.length() > 32 * 1024) {
                out.write(b.toString());
                b.setLength(0);
            }
        }
        out.write(b.toString());
        return 0;
    }

    private int subShell(String name, List<String> args, Map<String, String> cmdEnv, String stdin, Output out,
                         Output err) throws InterruptedException {
        int i = 0;
        String script = null;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("-c")) {
                if (i + 1 >= args.size()) {
                    err.write(name + ": -c: option requires an argument\n");
                    return 2;
                }
                script = args.get(i + 1);
                break;
            } else if (a.startsWith("-") && !a.equals("-")) {
                i++; // -l, -e, --login ...: no effect in the fake
            } else {
                err.write(name + ": 0: cannot open " + a + ": No such file\n");
                return 2;
            }
        }
        if (script == null) {
            script = stdin;
        }
        FakeShell child = new FakeShell(handlers, files, cmdEnv);
        return child.run(script, out, err);
    }

    private int which(List<String> args, Output out) {
        int status = args.isEmpty() ? 1 : 0;
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            if (a.contains("/")) {
                String name = a.substring(a.lastIndexOf('/') + 1);
                if (isKnownPath(a, name)) {
                    out.write(a + "\n");
                } else {
                    status = 1;
                }
            } else if (commandNames().contains(a) && !Set.of("export", "exit", ":", "[").contains(a)) {
                out.write("/usr/bin/" + a + "\n");
            } else {
                status = 1;
            }
        }
        return status;
    }

    private int test(List<String> args, Output err) {
        if (args.isEmpty()) {
            return 1;
        }
        if (args.get(0).equals("!")) {
            int r = test(args.subList(1, args.size()), err);
            return r == 2 ? 2 : 1 - r;
        }
        if (args.size() == 1) {
            return args.get(0).isEmpty() ? 1 : 0;
        }
        if (args.size() == 2) {
            String op = args.get(0);
            String arg = args.get(1);
            return switch (op) {
                case "-n" -> arg.isEmpty() ? 1 : 0;
                case "-z" -> arg.isEmpty() ? 0 : 1;
                case "-x" -> executable(arg) ? 0 : 1;
                case "-e" -> executable(arg) || Files.exists(files.resolve(arg, env.getOrDefault("HOME", "/"))) ? 0 : 1;
                case "-f" -> executable(arg) || Files.isRegularFile(files.resolve(arg, env.getOrDefault("HOME", "/")))
                        ? 0 : 1;
                case "-d" -> Files.isDirectory(files.resolve(arg, env.getOrDefault("HOME", "/"))) ? 0 : 1;
                default -> {
                    err.write("sh: 1: test: " + op + ": unexpected operator\n");
                    yield 2;
                }
            };
        }
        if (args.size() == 3) {
            String a = args.get(0);
            String b = args.get(2);
            return switch (args.get(1)) {
                case "=", "==" -> a.equals(b) ? 0 : 1;
                case "!=" -> a.equals(b) ? 1 : 0;
                case "-eq" -> parseInt(a, 0) == parseInt(b, 1) ? 0 : 1;
                case "-ne" -> parseInt(a, 0) != parseInt(b, 0) ? 0 : 1;
                default -> {
                    err.write("sh: 1: test: " + args.get(1) + ": unexpected operator\n");
                    yield 2;
                }
            };
        }
        err.write("sh: 1: test: too many arguments\n");
        return 2;
    }

    private boolean executable(String path) {
        if (!path.contains("/")) {
            return false;
        }
        return isKnownPath(path, path.substring(path.lastIndexOf('/') + 1));
    }

    private int stat(List<String> args, Map<String, String> cmdEnv, Output out, Output err) {
        List<String> paths = new ArrayList<>();
        String format = null;
        boolean terse = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.matches("-[tLf]+")) {
                terse |= a.contains("t");
            } else if (a.equals("-c") || a.equals("--format") || a.equals("--printf")) {
                format = i + 1 < args.size() ? args.get(++i) : "";
            } else if (a.startsWith("--format=")) {
                format = a.substring("--format=".length());
            } else if (a.startsWith("-")) {
                continue;
            } else {
                paths.add(a);
            }
        }
        int status = 0;
        for (String p : paths) {
            Path f = files.resolve(p, cmdEnv.getOrDefault("HOME", "/"));
            boolean exists = executable(p) || Files.exists(f);
            if (!exists) {
                err.write("stat: cannot statx '" + p + "': No such file or directory\n");
                status = 1;
                continue;
            }
            String user = cmdEnv.getOrDefault("USER", "root");
            boolean dir = Files.isDirectory(f);
            long size = 0;
            try {
                size = Files.isRegularFile(f) ? Files.size(f) : 4096;
            } catch (IOException e) {
                size = 0;
            }
            if (terse) {
                // stat -t: name size blocks mode(hex) uid gid dev(hex) inode links major minor atime mtime ctime
                // btime blksize, as GNU stat prints it
                long t = 1795303109L;
                String mode = dir ? "41ed" : executable(p) ? "81ed" : "81a4";
                String owner = executable(p) ? "0 0" : "1001 1001";
                out.write(p + " " + size + " " + ((size + 511) / 512) + " " + mode + " " + owner + " fe00 "
                        + (1474565 + Math.abs(p.hashCode() % 100000)) + " " + (dir ? 4 : 1) + " 0 0 " + t + " " + t
                        + " " + t + " " + t + " 4096\n");
            } else if (format != null) {
                String r = format.replace("%U", executable(p) ? "root" : user).replace("%G", executable(p) ? "root" : user)
                        .replace("%n", p).replace("%s", Long.toString(size))
                        .replace("%F", dir ? "directory" : "regular file")
                        .replace("%a", dir ? "755" : executable(p) ? "755" : "644")
                        .replace("%A", dir ? "drwxr-xr-x" : executable(p) ? "-rwxr-xr-x" : "-rw-r--r--");
                out.write(unescape(r) + "\n");
            } else {
                out.write("  File: " + p + "\n  Size: " + size + "\n");
            }
        }
        if (paths.isEmpty()) {
            err.write("stat: missing operand\n");
            return 1;
        }
        return status;
    }

    private int cat(List<String> args, Map<String, String> cmdEnv, String stdin, Output out, Output err) {
        if (args.isEmpty()) {
            out.write(stdin);
            return 0;
        }
        int status = 0;
        for (String a : args) {
            Path f = files.resolve(a, cmdEnv.getOrDefault("HOME", "/"));
            try {
                out.write(Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.write("cat: " + a + ": No such file or directory\n");
                status = 1;
            }
        }
        return status;
    }

    private int fileOp(String name, List<String> args, Map<String, String> cmdEnv, Output err) {
        int status = 0;
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            Path f = files.resolve(a, cmdEnv.getOrDefault("HOME", "/"));
            try {
                switch (name) {
                    case "mkdir" -> Files.createDirectories(f);
                    case "touch" -> {
                        Files.createDirectories(f.getParent());
                        if (!Files.exists(f)) {
                            Files.createFile(f);
                        }
                    }
                    default -> files.deleteRecursively(f);
                }
            } catch (IOException e) {
                err.write(name + ": cannot process '" + a + "': " + e.getMessage() + "\n");
                status = 1;
            }
        }
        return status;
    }
}
