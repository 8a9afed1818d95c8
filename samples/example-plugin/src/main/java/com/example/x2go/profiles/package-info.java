/**
 * Example x2go-java plugin: the {@code PROPERTIES} session-profiles backend
 * ({@link com.example.x2go.profiles.PropertiesProfilesProvider}). See {@code docs/writing-a-backend.md}.
 */
package com.example.x2go.profiles;
