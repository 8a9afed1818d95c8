/**
 * FILE (and MEMORY) backends for client settings and session profiles, compatible with x2goclient's and
 * python-x2go's {@code ~/.x2goclient/settings} and {@code ~/.x2goclient/sessions} (spec §4.1, §5).
 *
 * <p>Entry points: {@link org.x2go.settings.file.FileSettingsProvider}, {@link org.x2go.settings.file.FileProfilesProvider}
 * (both {@code FILE}), {@link org.x2go.settings.file.MemorySettingsProvider},
 * {@link org.x2go.settings.file.MemoryProfilesProvider} (both {@code MEMORY}); the stores
 * {@link org.x2go.settings.file.IniClientSettings} and {@link org.x2go.settings.file.IniSessionProfiles}; and
 * {@link org.x2go.settings.file.ProfileIds}. The profile → session parameter conversion is
 * {@link org.x2go.api.ProfileConverter} in x2go-api, so that every profiles backend shares it.
 */
package org.x2go.settings.file;
