package org.x2go.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NX3 pack (compression) methods the server accepts (spec R-DEF-6) and colour-depth compatibility
 * (spec §10, {@code is_color_depth_ok}). Pure functions.
 */
public final class NxPack {
    private static final String BASE = "nopack 8 64 256 512 4k 32k 64k 256k 2m 16m 256-rdp 256-rdp-compressed "
            + "32k-rdp 32k-rdp-compressed 64k-rdp 64k-rdp-compressed 16m-rdp 16m-rdp-compressed rfb-hextile "
            + "rfb-tight rfb-tight-compressed 8-tight 64-tight 256-tight 512-tight 4k-tight 32k-tight 64k-tight "
            + "256k-tight 2m-tight 16m-tight 8-jpeg-% 64-jpeg 256-jpeg 512-jpeg 4k-jpeg 32k-jpeg 64k-jpeg "
            + "256k-jpeg 2m-jpeg 16m-jpeg-% 8-png-jpeg-% 64-png-jpeg 256-png-jpeg 512-png-jpeg 4k-png-jpeg "
            + "32k-png-jpeg 64k-png-jpeg 256k-png-jpeg 2m-png-jpeg 16m-png-jpeg-% 8-png-% 64-png 256-png 512-png "
            + "4k-png 32k-png 64k-png 256k-png 2m-png 16m-png-% 16m-rgb-% 16m-rle-%";
    private static final List<String> ALL;

    static {
        Set<String> s = new TreeSet<>();
        for (String m : BASE.split(" ")) {
            if (m.endsWith("%")) {
                for (int d = 0; d <= 9; d++) {
                    s.add(m.substring(0, m.length() - 1) + d);
                }
            } else {
                s.add(m);
            }
        }
        ALL = Collections.unmodifiableList(new ArrayList<>(s));
    }

    private NxPack() {
    }

    /** @return every valid pack method, sorted (136 entries) */
    public static List<String> all() {
        return ALL;
    }

    /**
     * @param pack a pack method such as {@code 16m-jpeg-9}
     * @return whether the server accepts it ({@code 16m-jpeg} without quality is not valid)
     */
    public static boolean isValid(String pack) {
        return pack != null && Collections.binarySearch(ALL, pack) >= 0;
    }

    /**
     * @param sessionDepth colour depth of a session (0 = unknown)
     * @param localDepth   colour depth of the local screen
     * @return whether the session can be shown: unknown session depth, equal depths, both in {24, 32}
     *         or both in {16, 17}
     */
    public static boolean isColourDepthCompatible(int sessionDepth, int localDepth) {
        if (sessionDepth == 0 || sessionDepth == localDepth) {
            return true;
        }
        boolean deep = (sessionDepth == 24 || sessionDepth == 32) && (localDepth == 24 || localDepth == 32);
        boolean mid = (sessionDepth == 16 || sessionDepth == 17) && (localDepth == 16 || localDepth == 17);
        return deep || mid;
    }
}
