/**
 * The session guardian of x2go-java: the Java form of python-x2go's {@code X2GoSessionGuardian}
 * and clean-up helper (spec §13, R-GRD-*).
 *
 * <table>
 *   <caption>python-x2go to Java</caption>
 *   <tr><th>python</th><th>Java</th></tr>
 *   <tr><td>{@code X2GoSessionGuardian(client, auto_update_listsessions_cache, ..., refresh_interval)}</td>
 *       <td>{@code SessionGuardian.builder(registry, profiles).options(GuardianOptions).cache(cache).build()}</td></tr>
 *   <tr><td>thread started in the constructor</td><td>{@link org.x2go.guardian.SessionGuardian#start()}</td></tr>
 *   <tr><td>one loop iteration ({@code counter % refresh_interval == 0})</td><td>{@link org.x2go.guardian.SessionGuardian#tick()}</td></tr>
 *   <tr><td>{@code stop_thread()} + {@code x2go_cleanup()}</td><td>{@link org.x2go.guardian.SessionGuardian#close()}</td></tr>
 *   <tr><td>(application's own signal handling)</td><td>{@link org.x2go.guardian.SessionGuardian#registerShutdownHook()}</td></tr>
 *   <tr><td>{@code client_connected_profiles(return_profile_names=True)}</td><td>{@link org.x2go.guardian.GuardedProfiles}</td></tr>
 * </table>
 *
 * <p>Fixed: Q-58 (an exception or a zero interval no longer kills the guardian), Q-57 (nothing runs
 * before {@code start()}), Q-12 (profiles by ID, no text {@code None}), TV-53 (ad-hoc profiles).
 */
package org.x2go.guardian;
