package org.x2go.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One application the server publishes ({@code x2gogetapps}, spec R-CTL-12): the relevant keys of its
 * {@code .desktop} entry. Immutable.
 *
 * @param name              {@code Name=}
 * @param comment           {@code Comment=}, the name when absent
 * @param exec              {@code Exec=} with the field codes {@code %f %F %u %U} removed
 * @param terminal          {@code Terminal=true}: the command needs a terminal emulator
 * @param categories        {@code Categories=}, split on {@code ;}, empty entries dropped
 * @param iconBase64        the base64 PNG icon the server sent, if any
 * @param localizedNames    {@code Name[<lang>]=} values by language tag as written ({@code de}, {@code zh_CN})
 * @param localizedComments {@code Comment[<lang>]=} values by language tag
 */
public record PublishedApplication(String name, String comment, String exec, boolean terminal,
                                   List<String> categories, Optional<String> iconBase64,
                                   Map<String, String> localizedNames, Map<String, String> localizedComments) {

    /** Validates and copies the fields. */
    public PublishedApplication {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exec, "exec");
        comment = comment == null || comment.isEmpty() ? name : comment;
        categories = List.copyOf(Objects.requireNonNullElse(categories, List.of()));
        iconBase64 = Objects.requireNonNullElse(iconBase64, Optional.empty());
        localizedNames = Map.copyOf(Objects.requireNonNullElse(localizedNames, Map.of()));
        localizedComments = Map.copyOf(Objects.requireNonNullElse(localizedComments, Map.of()));
    }

    /**
     * @param locale the wanted language
     * @return {@code Name[lang_REGION]}, else {@code Name[lang]}, else {@link #name()}
     */
    public String name(Locale locale) {
        return pick(localizedNames, locale, name);
    }

    /**
     * @param locale the wanted language
     * @return {@code Comment[lang_REGION]}, else {@code Comment[lang]}, else {@link #comment()}
     */
    public String comment(Locale locale) {
        return pick(localizedComments, locale, comment);
    }

    private static String pick(Map<String, String> m, Locale locale, String fallback) {
        String full = locale.getLanguage() + (locale.getCountry().isEmpty() ? "" : "_" + locale.getCountry());
        String v = m.get(full);
        if (v == null) {
            v = m.get(locale.getLanguage());
        }
        return v == null ? fallback : v;
    }
}
