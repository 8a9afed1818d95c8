/** The INI reader and writer shared by the file-based settings, profiles and printing backends. */
module org.x2go.ini {
    requires transitive org.x2go.api;
    requires org.slf4j;

    exports org.x2go.ini;
}
