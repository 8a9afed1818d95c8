package org.x2go.proxy.tunnel.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.x2go.api.SafeText;
import org.x2go.api.X2GoProxyException;

/**
 * A private {@code Xvfb} for one session: started with {@code -displayfd 1} so that it picks a free
 * display itself and reports it on standard output when ready to accept clients; {@code -nolisten tcp}.
 * Access is controlled by a fresh MIT-MAGIC-COOKIE-1 in an owner-only authority file ({@code -auth}): the
 * session's windows reach this display, so no other local user may connect to it.
 */
public final class HeadlessDisplay {
    /** More is not a display number; a chattier Xvfb is refused rather than read without bound. */
    private static final int MAX_ANSWER = 16;

    /** X11's wildcard address family: the entry applies whatever the host and display number. */
    private static final int FAMILY_WILD = 0xffff;
    private static final byte[] COOKIE_NAME = "MIT-MAGIC-COOKIE-1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final int number;
    private final Path authority;

    private HeadlessDisplay(Process process, int number, Path authority) {
        this.process = process;
        this.number = number;
        this.authority = authority;
    }

    /**
     * Writes an X authority file holding one wildcard entry with a fresh random MIT-MAGIC-COOKIE-1,
     * readable by the owner only (created that way, never widened).
     *
     * @param file where to write it (replaced if present)
     * @return the 16 cookie bytes
     * @throws X2GoProxyException when it cannot be written
     */
    static byte[] writeAuthority(Path file) {
        byte[] cookie = new byte[16];
        RANDOM.nextBytes(cookie);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(FAMILY_WILD >> 8);
        b.write(FAMILY_WILD & 0xff);
        field(b, new byte[0]);   // address: any
        field(b, new byte[0]);   // display number: any (Xvfb picks its own)
        field(b, COOKIE_NAME);
        field(b, cookie);
        try {
            Files.deleteIfExists(file);
            FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            Files.createFile(file, ownerOnly);
            Files.write(file, b.toByteArray());
        } catch (IOException e) {
            throw new X2GoProxyException("Cannot write the X authority file " + file + ": " + e.getMessage(), e);
        }
        return cookie;
    }

    private static void field(ByteArrayOutputStream b, byte[] value) {
        b.write(value.length >> 8);
        b.write(value.length & 0xff);
        b.writeBytes(value);
    }

    /**
     * Starts Xvfb and waits (bounded) for its display number.
     *
     * @param xvfb    the executable
     * @param screen  {@code WxHxDEPTH}
     * @param log       the file receiving Xvfb's standard error, appended to
     * @param authority the X authority file to create for it (in an owner-only directory)
     * @param timeout   how long Xvfb may take to report its display
     * @return the running display
     * @throws X2GoProxyException when Xvfb cannot start, ends, answers garbage or takes too long (it is
     *                            stopped then)
     */
    public static HeadlessDisplay start(Path xvfb, String screen, Path log, Path authority, Duration timeout) {
        writeAuthority(authority);
        ProcessBuilder pb = new ProcessBuilder(List.of(xvfb.toString(), "-displayfd", "1", "-screen", "0", screen,
                "-nolisten", "tcp", "-auth", authority.toString()));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p;
        try {
            p = pb.start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new X2GoProxyException("Cannot start " + xvfb + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readLine(p.getInputStream()));
        try {
            String line = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!line.matches("\\d{1,5}")) {
                throw new X2GoProxyException(xvfb + " did not report a display number (said '"
                        + SafeText.excerpt(line) + "'; see " + log + ")");
            }
            return new HeadlessDisplay(p, Integer.parseInt(line), authority);
        } catch (TimeoutException e) {
            Processes.stop(p, Duration.ofSeconds(1), "Xvfb");
            throw new X2GoProxyException(xvfb + " did not report a display within " + timeout + " (see " + log + ")");
        } catch (ExecutionException e) {
            Processes.stop(p, Duration.ofSeconds(1), "Xvfb");
            throw new X2GoProxyException("Cannot read the display number of " + xvfb + ": "
                    + e.getCause().getMessage() + " (see " + log + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Processes.stop(p, Duration.ofSeconds(1), "Xvfb");
            throw new X2GoProxyException("Interrupted while waiting for " + xvfb, e);
        } catch (RuntimeException e) {
            Processes.stop(p, Duration.ofSeconds(1), "Xvfb");
            throw e;
        }
    }

    private static String readLine(InputStream in) {
        StringBuilder sb = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (sb.length() >= MAX_ANSWER) {
                    break;
                }
                sb.append((char) c);
            }
            if (c < 0 && sb.length() == 0) {
                throw new X2GoProxyException("Xvfb ended before it reported a display");
            }
        } catch (IOException e) {
            throw new X2GoProxyException("Xvfb output unreadable: " + e.getMessage(), e);
        }
        return sb.toString().strip();
    }

    /** @return the X display name, e.g. {@code :1} */
    public String display() {
        return ":" + number;
    }

    /** @return the authority file whose cookie admits a client ({@code XAUTHORITY} for nxproxy) */
    public Path authority() {
        return authority;
    }

    /** @return the Xvfb process */
    public Process process() {
        return process;
    }
}
