/**
 * Test support for x2go-java and its plugins: {@link org.x2go.testkit.FakeX2GoServer}, an in-process
 * X2Go server on Apache MINA SSHD; {@link org.x2go.testkit.FakeX2GoServerExtension} for JUnit 5; and
 * the compatibility kits in {@code org.x2go.testkit.tck} that every SPI implementation extends.
 */
package org.x2go.testkit;
