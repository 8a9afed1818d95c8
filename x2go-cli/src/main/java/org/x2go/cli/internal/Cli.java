package org.x2go.cli.internal;

import java.io.PrintWriter;
import java.util.function.Consumer;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import org.x2go.api.SafeText;
import org.x2go.cli.CliEnvironment;
import org.x2go.cli.ExitStatus;

/** Parses the command line and runs the main command or {@code demo}, mapping every failure to one line. */
public final class Cli {
    private Cli() {
    }

    /** @return a fresh picocli command line for {@code x2go} (its options object is new) */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Options());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(100);
        return cl;
    }

    /**
     * @param args the command line
     * @param env  the environment
     * @return the exit status
     */
    public static ExitStatus run(String[] args, CliEnvironment env) {
        return run(args, env, parsed -> { });
    }

    /**
     * Like {@link #run(String[], CliEnvironment)}, with a hook that sees the parse result before anything
     * else happens: the process entry point sets up logging from it, so the command line is parsed (and
     * picocli's model of it built, a good part of the start-up time) only once.
     *
     * @param args     the command line
     * @param env      the environment
     * @param onParsed called once with the parse result, or with {@code null} when the command line is bad
     * @return the exit status
     */
    public static ExitStatus run(String[] args, CliEnvironment env, Consumer<ParseResult> onParsed) {
        CommandLine cl = commandLine();
        PrintWriter out = new PrintWriter(env.out(), true);
        cl.setOut(out);
        cl.setErr(new PrintWriter(env.err(), true));
        ParseResult pr;
        try {
            pr = cl.parseArgs(args);
        } catch (ParameterException e) {
            onParsed.accept(null);
            // the message quotes the argument as typed: it is made visible like any other error text
            env.err().println("x2go: error: " + SafeText.excerpt(String.valueOf(e.getMessage()).strip()
                    .replaceAll("\\s*\\R\\s*", "; "), ErrorReporter.MAX_MESSAGE));
            env.err().println("Try 'x2go --help' for the options.");
            return ExitStatus.USAGE;
        }
        onParsed.accept(pr);
        if (CommandLine.printHelpIfRequested(pr)) {
            out.flush();
            return ExitStatus.OK;
        }
        if (pr.subcommand() != null) {
            DemoCommand demo = pr.subcommand().commandSpec().commandLine().getCommand();
            ErrorReporter reporter = new ErrorReporter(env.err(), demo.debug);
            try {
                return demo.run(env);
            } catch (RuntimeException | LinkageError e) {
                return reporter.report(e);
            }
        }
        Options o = cl.getCommand();
        ErrorReporter reporter = new ErrorReporter(env.err(), o.debug);
        try {
            Invocation inv = Invocation.of(o, env);
            Console console = new Console(env.err(), inv.quiet());
            return new CommandRunner(inv, env, console).run();
        } catch (RuntimeException | LinkageError e) {
            return reporter.report(e);
        } finally {
            env.out().flush();
        }
    }
}
