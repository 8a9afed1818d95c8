package org.x2go.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A screenshot of an X display taken with {@code xwd -root} and decoded from the XWD format
 * (ZPixmap, 24/32 bits per pixel), enough to tell whether something was drawn.
 *
 * @param width  width in pixels
 * @param height height in pixels
 * @param pixels RGB values, row by row
 */
public record Screenshot(int width, int height, int[] pixels) {

    /**
     * @param display an X display such as {@code :99}
     * @return the screenshot
     * @throws IOException when {@code xwd} is missing or fails
     */
    public static Screenshot take(String display) throws IOException, InterruptedException {
        Path f = Files.createTempFile("x2go-shot", ".xwd");
        try {
            Process p = new ProcessBuilder("xwd", "-root", "-silent", "-display", display)
                    .redirectOutput(f.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("xwd did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("xwd -root -display " + display + " exited " + p.exitValue());
            }
            return decode(Files.readAllBytes(f));
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /**
     * @param xwd the bytes of an XWD file
     * @return the decoded screenshot
     * @throws IOException when the format is not supported
     */
    public static Screenshot decode(byte[] xwd) throws IOException {
        ByteBuffer h = ByteBuffer.wrap(xwd).order(ByteOrder.BIG_ENDIAN);
        int headerSize = h.getInt(0);
        int version = h.getInt(4);
        int format = h.getInt(8);
        int width = h.getInt(16);
        int height = h.getInt(20);
        int byteOrder = h.getInt(28);
        int bitsPerPixel = h.getInt(44);
        int bytesPerLine = h.getInt(48);
        int ncolors = h.getInt(76);
        if (version != 7 || format != 2 || (bitsPerPixel != 32 && bitsPerPixel != 24)) {
            throw new IOException("unsupported XWD: version " + version + ", format " + format + ", bpp " + bitsPerPixel);
        }
        int offset = headerSize + ncolors * 12;
        int bpp = bitsPerPixel / 8;
        if (offset + (long) bytesPerLine * height > xwd.length) {
            throw new IOException("truncated XWD: " + xwd.length + " bytes");
        }
        int[] px = new int[width * height];
        for (int y = 0; y < height; y++) {
            int row = offset + y * bytesPerLine;
            for (int x = 0; x < width; x++) {
                int i = row + x * bpp;
                int v;
                if (byteOrder == 0) { // LSBFirst
                    v = (xwd[i] & 0xff) | (xwd[i + 1] & 0xff) << 8 | (xwd[i + 2] & 0xff) << 16;
                } else {
                    int b = bpp == 4 ? 1 : 0;
                    v = (xwd[i + b] & 0xff) << 16 | (xwd[i + b + 1] & 0xff) << 8 | (xwd[i + b + 2] & 0xff);
                }
                px[y * width + x] = v & 0xffffff;
            }
        }
        return new Screenshot(width, height, px);
    }

    /**
     * @param other a screenshot of the same size
     * @return the fraction (0..1) of pixels that differ
     */
    public double differenceTo(Screenshot other) {
        if (other.width != width || other.height != height) {
            return 1.0;
        }
        long diff = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != other.pixels[i]) {
                diff++;
            }
        }
        return (double) diff / pixels.length;
    }

    /** @return the number of distinct colours, capped at 1024 */
    public int distinctColours() {
        java.util.Set<Integer> s = new java.util.HashSet<>();
        for (int p : pixels) {
            s.add(p);
            if (s.size() >= 1024) {
                break;
            }
        }
        return s.size();
    }
}
