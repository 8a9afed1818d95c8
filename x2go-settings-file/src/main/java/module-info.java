/** The {@code FILE} (and in-memory) settings and session-profiles backends. */
module org.x2go.settings.file {
    requires transitive org.x2go.api;
    requires org.x2go.ini;

    exports org.x2go.settings.file;

    provides org.x2go.spi.SessionProfilesProvider
            with org.x2go.settings.file.FileProfilesProvider, org.x2go.settings.file.MemoryProfilesProvider;
    provides org.x2go.spi.SettingsProvider
            with org.x2go.settings.file.FileSettingsProvider, org.x2go.settings.file.MemorySettingsProvider;
}
