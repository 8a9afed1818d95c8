package org.x2go.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a session profile into session parameters (spec R-CNV-1..3) and classifies it (R-PRF-9).
 * Pure and thread-safe.
 *
 * <p>Deliberate differences from python-x2go (spec §15): the MIME box extensions become a list;
 * only folders flagged {@code :1} are shared automatically, and only with {@code useexports} on (they
 * become {@link TerminalParams#shareFolders()}); a missing {@code export} means no
 * folders; the meta type is returned on the first call; keys the conversion consumes
 * ({@code quality}, {@code width}, {@code rootless}, ...) are removed from the result.
 */
public final class ProfileConverter {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileConverter.class);

    /** Desktop meta commands → server binary (R-DEF-3), NX3- and KDrive-preferred combined. */
    private static final Map<String, String> META_COMMANDS = Map.of(
            "IceWM", "icewm", "KDE", "startkde", "MATE", "mate-session", "XFCE", "xfce4-session",
            "LXDE", "startlxde", "LXQt", "startlxqt", "TRINITY", "starttrinity",
            "CINNAMON", "cinnamon-session-cinnamon2d", "GNOME", "gnome-session", "UNITY", "unity");

    private static final Map<String, String> RENAMES = new LinkedHashMap<>();
    private static final Set<String> IGNORED = Set.of("startsoundsystem", "soundtunnel", "defsndport", "icon",
            "multidisp", "display", "directrdp", "directrdpsettings", "rdpclient", "rdpport");
    private static final String[] LINKS = {"modem", "isdn", "adsl", "wan", "lan"};

    static {
        String[] pairs = {"host", "server", "user", "username", "soundsystem", "snd_system", "sndport", "snd_port",
            "type", "kbtype", "layout", "kblayout", "variant", "kbvariant", "speed", "link", "sshport", "port",
            "useexports", "allow_share_local_folders", "restoreexports", "restore_shared_local_folders",
            "usemimebox", "allow_mimebox", "mimeboxextensions", "mimebox_extensions", "mimeboxaction",
            "mimebox_action", "print", "printing", "name", "profile_name", "key", "key_filename",
            "forwardsshagent", "forward_sshagent", "sshproxyautologin", "sshproxy_look_for_keys",
            "command", "cmd", "rdpserver", "rdp_server", "rdpoptions", "rdp_options", "xdmcpserver", "xdmcp_server",
            "useiconv", "convert_encoding", "iconvto", "server_encoding", "iconvfrom", "client_encoding",
            "usesshproxy", "use_sshproxy", "sshproxyhost", "sshproxy_host", "sshproxyport", "sshproxy_port",
            "sshproxyuser", "sshproxy_user", "sshproxykeyfile", "sshproxy_key_filename",
            "sshproxytype", "sshproxy_type", "krblogin", "krb_login",
            "sessiontitle", "session_title", "setsessiontitle", "set_session_title",
            "published", "published_applications", "autostart", "auto_start_or_resume",
            "autoconnect", "auto_connect", "autologin", "look_for_keys",
            "uniquehostkeyaliases", "unique_hostkey_aliases"};
        for (int i = 0; i < pairs.length; i += 2) {
            RENAMES.put(pairs[i], pairs[i + 1]);
        }
    }

    private ProfileConverter() {
    }

    /**
     * @param profile a profile (missing keys take their defaults)
     * @return its session parameters
     * @throws X2GoProfileException naming the profile and key when a value does not fit its type
     */
    public static ProfileSessionParameters convert(SessionProfile profile) {
        return convert(profile, ProfileSchema.localUser());
    }

    /**
     * @param profile   a profile (missing keys take their defaults)
     * @param localUser the default remote user when the profile has no {@code user}
     * @return its session parameters
     * @throws X2GoProfileException naming the profile and key when a value does not fit its type
     */
    public static ProfileSessionParameters convert(SessionProfile profile, String localUser) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (ProfileSchema.Key k : ProfileSchema.keys()) {
            String name = k.name();
            Object v;
            if (ProfileSchema.USER_KEY.equals(name) && profile.get(name).isEmpty()) {
                v = localUser;
            } else {
                v = switch (k.type()) {
                    case BOOL -> profile.bool(name);
                    case INT -> profile.integer(name);
                    case LIST -> profile.list(name);
                    case EXPORTS -> profile.exports();
                    case STRING -> profile.text(name);
                };
            }
            p.put(RENAMES.getOrDefault(name, name), v);
        }
        // 1. link
        int speed = (Integer) p.get("link");
        p.put("link", speed >= 0 && speed < LINKS.length ? LINKS[speed] : Integer.toString(speed));
        // 2. MIME box extensions as a list (fixes Q-15)
        List<String> ext = new ArrayList<>();
        for (String e : ((String) p.get("mimebox_extensions")).split(",")) {
            if (!e.isBlank()) {
                ext.add(e.strip());
            }
        }
        p.put("mimebox_extensions", List.copyOf(ext));
        // 3.
        if ("XFCE4".equals(p.get("cmd"))) {
            p.put("cmd", "XFCE");
        }
        // 4.
        boolean lookForKeys = (Boolean) p.get("look_for_keys");
        p.put("allow_agent", lookForKeys);
        boolean proxyLook = (Boolean) p.get("sshproxy_look_for_keys");
        p.put("sshproxy_allow_agent", proxyLook);
        // 5. pack + quality
        int quality = (Integer) p.remove("quality");
        if (quality != 0) {
            p.put("pack", p.get("pack") + "-" + quality);
        }
        p.remove("fstunnel");
        // 6. only automatically shared folders (fixes Q-16)
        @SuppressWarnings("unchecked")
        Map<String, Boolean> exports = (Map<String, Boolean>) p.remove("export");
        List<String> share = new ArrayList<>();
        exports.forEach((folder, auto) -> {
            if (auto) {
                share.add(folder);
            }
        });
        p.put("share_local_folders", List.copyOf(share));
        // 7. geometry
        boolean fullscreen = (Boolean) p.remove("fullscreen");
        boolean maxdim = (Boolean) p.remove("maxdim");
        int width = (Integer) p.remove("width");
        int height = (Integer) p.remove("height");
        p.put("geometry", fullscreen ? "fullscreen" : maxdim ? "maximize" : width + "x" + height);
        // 8. sound
        if (!(Boolean) p.remove("sound")) {
            p.put("snd_system", "none");
        }
        // 9. session type
        p.put("session_type", (Boolean) p.remove("rootless") ? "application" : "desktop");
        // 10.
        String action = (String) p.get("mimebox_action");
        if (!Set.of("OPEN", "OPENWITH", "SAVEAS").contains(action)) {
            p.put("mimebox_action", "OPEN");
        }
        // 11. keyboard
        if (!(Boolean) p.remove("usekbd")) {
            p.put("kbtype", "null/null");
            p.put("kblayout", "null");
            p.put("kbvariant", "null");
        }
        blankTo(p, "kbtype", "null/null");
        blankTo(p, "kblayout", "null");
        blankTo(p, "kbvariant", "null");
        // 12. dpi
        if (!(Boolean) p.remove("setdpi")) {
            p.remove("dpi");
        }
        // 13. jump host re-use
        if ((Boolean) p.remove("sshproxysameuser")) {
            p.put("sshproxy_user", p.get("username"));
        }
        if ((Boolean) p.remove("sshproxysamepass")) {
            p.put("sshproxy_reuse_authinfo", true);
            p.put("sshproxy_key_filename", p.get("key_filename"));
        } else {
            p.put("sshproxy_reuse_authinfo", false);
        }
        // 14. legacy sshproxytunnel (host:port at its end)
        Optional<String> tunnel = profile.get("sshproxytunnel");
        if ((Boolean) p.get("use_sshproxy") && tunnel.isPresent() && !tunnel.get().startsWith("DEPRECATED")) {
            String[] f = tunnel.get().split(":", -1);
            if (f.length >= 2) {
                p.put("sshproxy_host", f[f.length - 2]);
                try {
                    p.put("sshproxy_port", IniValues.parseInt(f[f.length - 1]));
                } catch (IllegalArgumentException e) {
                    throw new X2GoProfileException("Profile '" + profile.name() + "' [" + profile.id()
                            + "] key 'sshproxytunnel': " + e.getMessage(), e);
                }
            }
        }
        // 15.
        IGNORED.forEach(p::remove);

        String pack = (String) p.get("pack");
        if (!NxPack.isValid(pack)) {
            LOG.warn("Profile '{}': pack method '{}' is not one the server knows", profile.name(), pack);
        }
        Optional<String> id = profile.id().isEmpty() ? Optional.empty() : Optional.of(profile.id());
        return new ProfileSessionParameters(id, profile.name(), p, terminalParams(profile.name(), p));
    }

    /**
     * Parameters of an ad-hoc session: the converted profile defaults (R-CNV-3: user = local user,
     * {@code TERMINAL}, {@code 800x600}, {@code 16m-jpeg-9}, {@code adsl}, ...).
     *
     * @param localUser the local login name
     * @return the parameters, without a profile ID
     */
    public static ProfileSessionParameters defaults(String localUser) {
        return convert(new SessionProfile("", "", ProfileSchema.defaults(localUser)), localUser);
    }

    private static void blankTo(Map<String, Object> p, String key, String replacement) {
        if (((String) p.get(key)).isBlank()) {
            p.put(key, replacement);
        }
    }

    private static TerminalParams terminalParams(String profileName, Map<String, Object> p) {
        TerminalParams.Builder b = TerminalParams.builder();
        String geometry = (String) p.get("geometry");
        b.geometry(geometry);
        String link = (String) p.get("link");
        try {
            b.link(TerminalParams.Link.valueOf(link.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            LOG.warn("Profile '{}': speed '{}' is not 0..4; using adsl", profileName, link);
        }
        b.pack((String) p.get("pack"));
        String kbtype = (String) p.get("kbtype");
        b.kbType(kbtype).kbLayout((String) p.get("kblayout")).kbVariant((String) p.get("kbvariant"));
        b.setKeyboard(!"null/null".equals(kbtype));
        String cmd = (String) p.get("cmd");
        b.command(cmd);
        b.sessionType(sessionType(cmd, (String) p.get("session_type"), geometry,
                (Boolean) p.get("published_applications"), (Boolean) p.get("kdrive")));
        String clip = (String) p.get("clipboard");
        try {
            b.clipboard(TerminalParams.Clipboard.valueOf(clip.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            LOG.warn("Profile '{}': clipboard '{}' is not both/server/client/none; using both", profileName, clip);
        }
        b.xinerama((Boolean) p.get("xinerama"));
        if (p.get("dpi") instanceof Integer dpi) {
            b.dpi(dpi);
        }
        String snd = (String) p.get("snd_system");
        try {
            b.sound(TerminalParams.SoundSystem.valueOf(snd.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            LOG.warn("Profile '{}': sound system '{}' unknown; using none", profileName, snd);
            b.sound(TerminalParams.SoundSystem.NONE);
        }
        if ((Boolean) p.get("allow_share_local_folders")) {
            @SuppressWarnings("unchecked")
            List<String> folders = (List<String>) p.get("share_local_folders");
            for (String f : folders) {
                try {
                    b.shareFolder(java.nio.file.Path.of(f), false);
                } catch (java.nio.file.InvalidPathException e) {
                    throw new X2GoProfileException("Profile '" + profileName + "' key 'export': not a local path: '"
                            + SafeText.excerpt(f) + "'", e);
                }
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new X2GoProfileException("Profile '" + profileName + "': " + e.getMessage(), e);
        }
    }

    /** Session-type normalisation of R-TRM-3 applied to the converted values. */
    static SessionType sessionType(String cmd, String type, String geometry, boolean published, boolean kdrive) {
        String c = cmd == null ? "" : cmd;
        if (published && (c.isEmpty() || c.equals("PUBLISHED"))) {
            return SessionType.PUBLISHED;
        }
        if (c.equals("RDP") || c.startsWith("rdesktop")) {
            return geometry.equals("fullscreen") ? SessionType.DESKTOP : SessionType.ROOTLESS;
        }
        boolean desktop = type.equals("desktop") || c.equals("XDMCP") || META_COMMANDS.containsKey(c)
                || META_COMMANDS.containsValue(basename(c));
        if (desktop) {
            return kdrive ? SessionType.KDRIVE : SessionType.DESKTOP;
        }
        return SessionType.ROOTLESS;
    }

    private static String basename(String cmd) {
        String first = cmd.strip().split("\\s+", 2)[0];
        int slash = first.lastIndexOf('/');
        return slash < 0 ? first : first.substring(slash + 1);
    }

    /**
     * The human-readable classification of R-PRF-9 ({@code KDE Desktop}, {@code Single Applications},
     * {@code RDP/proxy}, ...), computed on the first call (python returned null then, Q-14).
     *
     * @param profile a profile
     * @return its meta type
     */
    public static String metaType(SessionProfile profile) {
        List<String> hosts = profile.hosts();
        boolean hasHost = !hosts.isEmpty() && !(hosts.size() == 1 && hosts.get(0).isEmpty());
        String cmd = profile.text("command");
        boolean rdp = !profile.text("rdpserver").isEmpty() && cmd.equals("RDP");
        if (!hasHost) {
            return rdp ? "RDP/direct" : "not supported";
        }
        if (rdp) {
            return "RDP/proxy";
        }
        if (profile.bool("published")) {
            return META_COMMANDS.containsKey(cmd) ? cmd + " + Published Applications" : "Published Applications";
        }
        if (profile.bool("rootless")) {
            return "Single Applications";
        }
        if (META_COMMANDS.containsKey(cmd)) {
            return cmd + " Desktop";
        }
        for (Map.Entry<String, String> e : META_COMMANDS.entrySet()) {
            if (e.getValue().equals(cmd)) {
                return e.getKey() + " Desktop";
            }
        }
        return "CUSTOM Desktop";
    }
}
