package org.x2go.printing.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.PrintAction;
import org.x2go.api.PrintDialog;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoPrintActionException;

/**
 * A {@link PrintJobHandler} that carries out the configured {@link PrintAction}:
 * <ul>
 *   <li>PDFVIEW: copies the PDF to a private temporary directory (the spool copy is deleted after the
 *       handler) and starts {@code <viewer> <copy>}; the copy stays for the viewer (like python's);</li>
 *   <li>PDFSAVE: copies it into the folder (relative folders are relative to the home directory) as
 *       {@code <title>.pdf}, never overwriting ({@code <title> (2).pdf}, ...; the name is taken atomically, so
 *       a file that appears meanwhile is not replaced). The title comes from the server: it is made a plain
 *       file name (see {@link #safeName(String)}); a failed copy leaves no partial file behind;</li>
 *   <li>PRINT: runs {@code lpr [-P <printer>] <copy>};</li>
 *   <li>PRINTCMD: runs {@code <command words...> <copy>};</li>
 *   <li>DIALOG: asks the dialog callback for an action (empty = cancel the job).</li>
 * </ul>
 * The action source is asked once per job, so edits of the {@code printing} file apply to the next job
 * (R-PRN-5). Commands are split on blanks (quotes group words) and never passed through a shell.
 */
public final class PrintActionHandler implements PrintJobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PrintActionHandler.class);
    /** Longest title part of a saved file's name, in UTF-8 bytes (file names have at most 255 bytes). */
    public static final int MAX_NAME_BYTES = 200;
    /** How many numbered names ({@code <title> (n).pdf}) PDFSAVE tries before giving up. */
    public static final int MAX_NUMBERED_NAMES = 10_000;

    /** Starts a local program. */
    @FunctionalInterface
    public interface CommandRunner {
        /**
         * @param argv program and arguments
         * @throws IOException when it cannot be started
         */
        void run(List<String> argv) throws IOException;
    }

    private final Supplier<PrintAction> actions;
    private final Path home;
    private final CommandRunner runner;
    private final Function<PrintJob, Optional<PrintAction>> dialog;

    /**
     * @param actions the action per job, e.g. {@code () -> provider.open(dir).action(dialogAvailable)}
     * @param home    base of relative PDFSAVE folders
     * @param runner  starts viewer and print commands
     * @param dialog  asked for DIALOG; returns the action to take, or empty to drop the job
     */
    public PrintActionHandler(Supplier<PrintAction> actions, Path home, CommandRunner runner,
                              Function<PrintJob, Optional<PrintAction>> dialog) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.home = Objects.requireNonNull(home, "home");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.dialog = Objects.requireNonNull(dialog, "dialog");
    }

    /**
     * Watches a spool folder and hands each job to the action, for {@code PrintingProvider.watchSpool}.
     *
     * @param spoolDir the spool folder
     * @param action   the action per job
     * @param dialog   asked for DIALOG
     * @return the running watcher
     */
    static SpoolWatcher watch(Path spoolDir, Supplier<PrintAction> action, PrintDialog dialog) {
        Objects.requireNonNull(dialog, "dialog");
        return SpoolWatcher.builder(spoolDir, new PrintActionHandler(action, Path.of(System.getProperty("user.home")),
                processRunner(), job -> dialog.choose(job.title(), job.pdf()))).start();
    }

    /**
     * @return a runner that starts the program detached, its output discarded
     */
    public static CommandRunner processRunner() {
        return argv -> new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Override
    public void handle(PrintJob job) throws IOException {
        PrintAction action = actions.get();
        if (action instanceof PrintAction.Dialog) {
            Optional<PrintAction> chosen = dialog.apply(job);
            if (chosen.isEmpty()) {
                LOG.info("Print job '{}' cancelled in the dialog", SafeText.excerpt(job.title()));
                return;
            }
            action = chosen.get();
            if (action instanceof PrintAction.Dialog) {
                throw new X2GoPrintActionException("The print dialog returned DIALOG again for job '"
                        + SafeText.excerpt(job.title()) + "'");
            }
        }
        if (action instanceof PrintAction.PdfSave s) {
            Path folder = s.folder().isAbsolute() ? s.folder() : home.resolve(s.folder());
            Files.createDirectories(folder);
            Path target = saveUnique(job, folder, safeName(job.title()));
            LOG.info("Print job '{}' saved as {}", SafeText.excerpt(job.title()), SafeText.visible(target.toString()));
            return;
        }
        List<String> argv = new ArrayList<>();
        if (action instanceof PrintAction.PdfView v) {
            argv.addAll(words(v.viewer()));
        } else if (action instanceof PrintAction.Print p) {
            argv.add("lpr");
            if (!p.printer().isBlank()) {
                argv.add("-P");
                argv.add(p.printer());
            }
        } else if (action instanceof PrintAction.PrintCmd c) {
            argv.addAll(words(c.command()));
        }
        if (argv.isEmpty()) {
            throw new X2GoPrintActionException("Empty command for print action " + action.actionName());
        }
        Path copy = privateCopy(job);
        argv.add(copy.toString());
        try {
            runner.run(argv);
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(copy.getParent());
            throw new X2GoPrintActionException("Cannot run " + SafeText.visible(argv.toString()) + " for print job '"
                    + SafeText.excerpt(job.title()) + "': " + SafeText.excerpt(e.toString()), e);
        }
        LOG.info("Print job '{}': {} started", SafeText.excerpt(job.title()), SafeText.visible(argv.get(0)));
    }

    private static Path privateCopy(PrintJob job) throws IOException {
        Path dir = Files.createTempDirectory("x2go-print-");
        Path copy = dir.resolve(safeName(job.title()));
        Files.copy(job.pdf(), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /**
     * A file name from a title the server sent: path separators, {@code :}, control, format (bidi, zero-width)
     * and line/paragraph separator characters become {@code _}; blanks and leading dots are trimmed (no hidden
     * file, no {@code .} or {@code ..}); the result is cut to {@link #MAX_NAME_BYTES} UTF-8 bytes on a
     * character boundary; {@code .pdf} is appended unless present. An empty result becomes the default title.
     *
     * @param title the job title
     * @return a plain file name ending in {@code .pdf}
     */
    public static String safeName(String title) {
        StringBuilder b = new StringBuilder();
        title.codePoints().forEach(c -> b.appendCodePoint(unsafe(c) ? '_' : c));
        String base = b.toString();
        int start = 0;
        // leading dots and blanks in any mix (". .x" must not become the hidden ".x")
        while (start < base.length() && (base.charAt(start) == '.' || Character.isWhitespace(base.charAt(start))
                || Character.isSpaceChar(base.charAt(start)))) {
            start++;
        }
        base = cut(base.substring(start), MAX_NAME_BYTES);
        if (base.isEmpty()) {
            base = PrintJob.DEFAULT_TITLE;
        }
        return base.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? base : base + ".pdf";
    }

    private static boolean unsafe(int c) {
        if (c == '/' || c == '\\' || c == ':') {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /** The longest prefix of {@code s} with at most {@code maxBytes} UTF-8 bytes, whole code points only. */
    private static String cut(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(c);
        }
        return s.substring(0, i).strip();
    }

    /**
     * Copies the job to {@code name} in the folder, or {@code <stem> (n).pdf} when taken. The target is created
     * exclusively (CREATE_NEW = O_EXCL, which also refuses a link of that name), so nothing that exists is ever
     * replaced, and only a file created here is deleted when the copy fails.
     */
    private static Path saveUnique(PrintJob job, Path folder, String name) throws IOException {
        String stem = name.substring(0, name.length() - 4);
        for (int i = 1; i <= MAX_NUMBERED_NAMES; i++) {
            Path target = folder.resolve(i == 1 ? name : stem + " (" + i + ").pdf");
            OutputStream out;
            try {
                out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue; // taken: next number
            }
            try (out) {
                Files.copy(job.pdf(), out);
                return target;
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new X2GoPrintActionException("Cannot save print job '" + SafeText.excerpt(job.title()) + "' as "
                        + SafeText.visible(target.toString()) + ": " + SafeText.excerpt(e.toString()), e);
            }
        }
        throw new X2GoPrintActionException("Cannot save print job '" + SafeText.excerpt(job.title()) + "': "
                + MAX_NUMBERED_NAMES + " names like " + SafeText.visible(folder.resolve(name).toString())
                + " are taken");
    }

    /** Splits a command line on blanks; single or double quotes group words. No shell is involved. */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
