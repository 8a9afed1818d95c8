package org.x2go.cli;

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
        int code = Cli.run(args, CliEnvironment.system(), X2GoCli::configureLogging).code();
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
     *
     * @param pr the parsed command line, {@code null} when it is bad (the error is reported at warn level)
     */
    private static void configureLogging(ParseResult pr) {
        String key = "org.slf4j.simpleLogger.defaultLogLevel";
        if (System.getProperty(key) != null) {
            return;
        }
        String level = "warn";
        if (pr != null) {
            if (pr.hasMatchedOption("--quiet")) {
                level = "off";
            } else if (pr.hasMatchedOption("-d") || pr.hasMatchedOption("--libdebug")
                    || pr.hasMatchedOption("--libdebug-sftpxfer")) {
                level = "debug";
            }
        }
        System.setProperty(key, level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    }
}
