package org.x2go.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import org.x2go.cli.internal.Cli;

/**
 * The {@code x2go} command: a pyhoca-cli compatible X2Go client on {@code X2GoClient}, plus
 * {@code x2go demo}. {@link #main} runs it as a process; {@link #run} runs it inside a JVM (tests,
 * embedding) and returns the exit code instead of exiting.
 */
public final class X2GoCli {
    private X2GoCli() {
    }

    /**
     * Runs the command and exits with its {@link ExitStatus} code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        configureLogging(args);
        int code = run(args, CliEnvironment.system());
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     * @param env  streams, environment variables, home directory and Ctrl-C source
     * @return the exit code ({@link ExitStatus#code()})
     */
    public static int run(String[] args, CliEnvironment env) {
        return Cli.run(args, env).code();
    }

    /**
     * Sets slf4j-simple's level before the first logger exists: warnings only by default, debug with
     * {@code -d}/{@code --libdebug}, nothing with {@code --quiet}. A level given as a system property wins.
     */
    private static void configureLogging(String[] args) {
        String key = "org.slf4j.simpleLogger.defaultLogLevel";
        if (System.getProperty(key) != null) {
            return;
        }
        String level = "warn";
        try {
            CommandLine cl = Cli.commandLine();
            ParseResult pr = cl.parseArgs(args);
            if (pr.hasMatchedOption("--quiet")) {
                level = "off";
            } else if (pr.hasMatchedOption("-d") || pr.hasMatchedOption("--libdebug")
                    || pr.hasMatchedOption("--libdebug-sftpxfer")) {
                level = "debug";
            }
        } catch (ParameterException e) {
            // reported properly by run()
        }
        System.setProperty(key, level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        new PrintWriter(System.err).flush();
    }
}
