/**
 * An ini-file engine for SPI implementations that share x2goclient's files (spec §3): a document model that
 * keeps order, comments and unknown keys ({@link org.x2go.ini.IniDocument}), typed defaults
 * ({@link org.x2go.ini.IniDefaults}) and stores that write atomically under a file lock
 * ({@link org.x2go.ini.IniStore}). Values are data: no interpolation, no evaluation.
 */
package org.x2go.ini;
