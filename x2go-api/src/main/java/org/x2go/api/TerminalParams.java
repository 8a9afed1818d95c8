package org.x2go.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Parameters of a session to start or resume (spec R-TRM-1). Immutable; build with {@link #builder()}.
 *
 * @param geometry     {@code WxH}, {@code maximize} or {@code fullscreen}
 * @param depth        colour depth (python: the local screen's, 24 when unknown)
 * @param link         link quality, selects NX compression defaults
 * @param pack         NX pack method (spec R-DEF-6)
 * @param cacheType    NX cache type; sent as {@code <cacheType>-depth_<depth>}
 * @param kbType       keyboard model/layout pair, {@code null/null} to leave the server's
 * @param kbLayout     keyboard layout, {@code null} to leave the server's
 * @param kbVariant    keyboard variant, {@code null} to leave the server's
 * @param setKeyboard  whether the server should apply the keyboard settings
 * @param sessionType  the session type
 * @param command      the command or desktop name to run ({@code xterm}, {@code XFCE}, ...)
 * @param clipboard    clipboard direction
 * @param xinerama     whether Xinerama is enabled
 * @param dpi          the DPI to request, empty for the server default
 * @param sound        the sound system
 * @param shareFolders local folders to share with the session once it runs after this client's start or resume,
 *                     if it is its profile's master session (spec R-TRM-15, R-SES-20); in order, no duplicates
 */
public record TerminalParams(String geometry, int depth, Link link, String pack, String cacheType, String kbType,
                             String kbLayout, String kbVariant, boolean setKeyboard, SessionType sessionType,
                             String command, Clipboard clipboard, boolean xinerama, OptionalInt dpi,
                             SoundSystem sound, List<FolderShare> shareFolders) {

    /**
     * A local folder to share with the session automatically (python's {@code share_local_folders}; a profile's
     * {@code export} entries flagged {@code :1}).
     *
     * @param folder   the local folder
     * @param readOnly whether the session may only read it
     */
    public record FolderShare(Path folder, boolean readOnly) {
        /** Checks the folder is given. */
        public FolderShare {
            Objects.requireNonNull(folder, "folder");
        }
    }

    /** NX link quality. */
    public enum Link { MODEM, ISDN, ADSL, WAN, LAN;
        /** @return the lower-case wire form */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Clipboard direction. */
    public enum Clipboard { BOTH, SERVER, CLIENT, NONE;
        /** @return the lower-case wire form */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Sound system. python-x2go defaults to PULSE; this library implements none yet, so NONE is the default. */
    public enum SoundSystem { PULSE, ESD, ARTS, NONE;
        /** @return the lower-case wire form */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates every field; the message names the bad one. */
    public TerminalParams {
        Objects.requireNonNull(geometry, "geometry");
        if (!geometry.matches("\\d{1,5}x\\d{1,5}|maximize|fullscreen")) {
            throw new IllegalArgumentException("geometry must be WxH, maximize or fullscreen: " + geometry);
        }
        if (depth != 8 && depth != 15 && depth != 16 && depth != 17 && depth != 24 && depth != 32) {
            throw new IllegalArgumentException("unsupported colour depth: " + depth);
        }
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(cacheType, "cacheType");
        Objects.requireNonNull(kbType, "kbType");
        Objects.requireNonNull(kbLayout, "kbLayout");
        Objects.requireNonNull(kbVariant, "kbVariant");
        Objects.requireNonNull(sessionType, "sessionType");
        command = Objects.requireNonNullElse(command, "");
        Objects.requireNonNull(clipboard, "clipboard");
        dpi = Objects.requireNonNullElse(dpi, OptionalInt.empty());
        Objects.requireNonNull(sound, "sound");
        shareFolders = List.copyOf(Objects.requireNonNullElse(shareFolders, List.of()));
        if (shareFolders.stream().map(FolderShare::folder).distinct().count() != shareFolders.size()) {
            throw new IllegalArgumentException("shareFolders names a folder twice: " + shareFolders);
        }
    }

    /** @return a builder with python-x2go's defaults and a rootless {@code xterm} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised from this instance */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.geometry = geometry;
        b.depth = depth;
        b.link = link;
        b.pack = pack;
        b.cacheType = cacheType;
        b.kbType = kbType;
        b.kbLayout = kbLayout;
        b.kbVariant = kbVariant;
        b.setKeyboard = setKeyboard;
        b.sessionType = sessionType;
        b.command = command;
        b.clipboard = clipboard;
        b.xinerama = xinerama;
        b.dpi = dpi;
        b.sound = sound;
        b.shareFolders = new ArrayList<>(shareFolders);
        return b;
    }

    /** Mutable builder. Not thread-safe. */
    public static final class Builder {
        private String geometry = "800x600";
        private int depth = 24;
        private Link link = Link.ADSL;
        private String pack = "16m-jpeg-9";
        private String cacheType = "unix-kde";
        private String kbType = "null/null";
        private String kbLayout = "null";
        private String kbVariant = "null";
        private boolean setKeyboard;
        private SessionType sessionType = SessionType.ROOTLESS;
        private String command = "xterm";
        private Clipboard clipboard = Clipboard.BOTH;
        private boolean xinerama;
        private OptionalInt dpi = OptionalInt.empty();
        private SoundSystem sound = SoundSystem.NONE;
        private List<FolderShare> shareFolders = new ArrayList<>();

        private Builder() {
        }

        /** @param v geometry @return this */
        public Builder geometry(String v) {
            geometry = v;
            return this;
        }

        /** @param v depth @return this */
        public Builder depth(int v) {
            depth = v;
            return this;
        }

        /** @param v link @return this */
        public Builder link(Link v) {
            link = v;
            return this;
        }

        /** @param v pack method @return this */
        public Builder pack(String v) {
            pack = v;
            return this;
        }

        /** @param v cache type @return this */
        public Builder cacheType(String v) {
            cacheType = v;
            return this;
        }

        /** @param v keyboard type @return this */
        public Builder kbType(String v) {
            kbType = v;
            return this;
        }

        /** @param v keyboard layout @return this */
        public Builder kbLayout(String v) {
            kbLayout = v;
            return this;
        }

        /** @param v keyboard variant @return this */
        public Builder kbVariant(String v) {
            kbVariant = v;
            return this;
        }

        /** @param v apply keyboard settings @return this */
        public Builder setKeyboard(boolean v) {
            setKeyboard = v;
            return this;
        }

        /** @param v session type @return this */
        public Builder sessionType(SessionType v) {
            sessionType = v;
            return this;
        }

        /** @param v command @return this */
        public Builder command(String v) {
            command = v;
            return this;
        }

        /** @param v clipboard @return this */
        public Builder clipboard(Clipboard v) {
            clipboard = v;
            return this;
        }

        /** @param v xinerama @return this */
        public Builder xinerama(boolean v) {
            xinerama = v;
            return this;
        }

        /** @param v dpi @return this */
        public Builder dpi(int v) {
            dpi = OptionalInt.of(v);
            return this;
        }

        /** @param v sound system @return this */
        public Builder sound(SoundSystem v) {
            sound = v;
            return this;
        }

        /**
         * @param v the folders to share automatically, replacing those given so far
         * @return this
         */
        public Builder shareFolders(List<FolderShare> v) {
            shareFolders = new ArrayList<>(Objects.requireNonNull(v, "shareFolders"));
            return this;
        }

        /**
         * Adds a folder to share automatically; a folder given again replaces its read-only flag.
         *
         * @param folder   the local folder
         * @param readOnly whether the session may only read it
         * @return this
         */
        public Builder shareFolder(Path folder, boolean readOnly) {
            FolderShare f = new FolderShare(folder, readOnly);
            shareFolders.removeIf(x -> x.folder().equals(f.folder()));
            shareFolders.add(f);
            return this;
        }

        /** @return the validated parameters */
        public TerminalParams build() {
            return new TerminalParams(geometry, depth, link, pack, cacheType, kbType, kbLayout, kbVariant,
                    setKeyboard, sessionType, command, clipboard, xinerama, dpi, sound, shareFolders);
        }
    }
}
