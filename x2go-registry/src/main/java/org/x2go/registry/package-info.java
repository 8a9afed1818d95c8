/**
 * The session registry of x2go-java: the Java form of python-x2go's {@code X2GoSessionRegistry}
 * (spec §11) and {@code X2GoListSessionsCache} (spec §12).
 *
 * <p>{@link org.x2go.registry.SessionRegistry} keeps one record per session with one
 * {@link org.x2go.api.SessionState} (instead of python's six tri-state flags), indexes by UUID,
 * profile ID, profile name, session name and state, hands out immutable
 * {@link org.x2go.api.SessionSummary} snapshots, and tells {@link org.x2go.api.SessionListener}s
 * about changes outside its lock, in order, with the cause. Queries return a
 * {@link org.x2go.registry.SessionSelection}; python's {@code return_*} flags become its projections
 * (see that class for python's precedence).
 *
 * <table>
 *   <caption>python-x2go registry method to Java</caption>
 *   <tr><th>python ({@code X2GoSessionRegistry})</th><th>Java ({@code SessionRegistry})</th></tr>
 *   <tr><td>{@code register(server, profile_id, profile_name, session_name=None, **kw)}</td>
 *       <td>{@code register(server, profileId, profileName)}, {@code register(server, profileId, profileName, sessionName)}</td></tr>
 *   <tr><td>{@code forget(uuid)}</td><td>{@code forget(UUID)}</td></tr>
 *   <tr><td>{@code keys()}</td><td>{@code keys()}</td></tr>
 *   <tr><td>{@code registry(uuid)} / {@code __call__}</td><td>{@code require(UUID)}</td></tr>
 *   <tr><td>{@code registered_sessions(...)}</td><td>{@code registeredSessions()}</td></tr>
 *   <tr><td>{@code virgin_sessions(...)}</td><td>{@code virginSessions()}</td></tr>
 *   <tr><td>{@code associated_sessions(...)}</td><td>{@code associatedSessions()}</td></tr>
 *   <tr><td>{@code connected_sessions(...)}</td><td>{@code connectedSessions()}</td></tr>
 *   <tr><td>{@code running_sessions(...)}</td><td>{@code runningSessions()}</td></tr>
 *   <tr><td>{@code suspended_sessions(...)}</td><td>{@code suspendedSessions()}</td></tr>
 *   <tr><td>{@code terminated_sessions(...)}</td><td>{@code terminatedSessions()}</td></tr>
 *   <tr><td>{@code non_running_sessions(...)}</td><td>{@code nonRunningSessions()}</td></tr>
 *   <tr><td>{@code registered_sessions_of_profile_name(name, ...)}</td><td>{@code registeredSessionsOfProfileName(String)}</td></tr>
 *   <tr><td>{@code virgin_sessions_of_profile_name}</td><td>{@code virginSessionsOfProfileName(String)}</td></tr>
 *   <tr><td>{@code associated_sessions_of_profile_name}</td><td>{@code associatedSessionsOfProfileName(String)}</td></tr>
 *   <tr><td>{@code connected_sessions_of_profile_name}</td><td>{@code connectedSessionsOfProfileName(String)}</td></tr>
 *   <tr><td>{@code running_sessions_of_profile_name}</td><td>{@code runningSessionsOfProfileName(String)}</td></tr>
 *   <tr><td>{@code suspended_sessions_of_profile_name}</td><td>{@code suspendedSessionsOfProfileName(String)}</td></tr>
 *   <tr><td>(terminated / non-running of profile name)</td><td>{@code terminatedSessionsOfProfileName(String)}, {@code nonRunningSessionsOfProfileName(String)}</td></tr>
 *   <tr><td>{@code pubapp_sessions_of_profile_name}</td><td>{@code pubappSessionsOfProfileName(String)}</td></tr>
 *   <tr><td>{@code connected_profiles(return_profile_ids=True)}</td><td>{@code connectedProfiles()}</td></tr>
 *   <tr><td>{@code connected_profiles(return_profile_names=True)}</td><td>{@code connectedProfileNames()}</td></tr>
 *   <tr><td>{@code connected_control_sessions}</td><td>{@code connectedControlSessions()}</td></tr>
 *   <tr><td>{@code control_session_of_profile_name(name)}</td><td>{@code controlSessionOfProfileName(String)}, {@code controlSessionOfProfile(profileId)}</td></tr>
 *   <tr><td>{@code get_master_session(profile_name)}</td><td>{@code masterSession(String)}</td></tr>
 *   <tr><td>{@code get_profile_id(uuid)}</td><td>{@code profileId(UUID)}</td></tr>
 *   <tr><td>{@code get_profile_name(uuid)}</td><td>{@code profileName(UUID)}</td></tr>
 *   <tr><td>{@code get_session_of_session_name(name, match_profile_name)}</td><td>{@code sessionOfSessionName(String[, String])} (throws on duplicates)</td></tr>
 *   <tr><td>{@code has_session_of_session_name(name, match_profile_name)}</td><td>{@code hasSessionOfSessionName(String, String)}</td></tr>
 *   <tr><td>{@code has_running_sessions}</td><td>{@code hasRunningSessions()}</td></tr>
 *   <tr><td>{@code has_suspended_sessions} (a type error in python, Q-53)</td><td>{@code hasSuspendedSessions()}</td></tr>
 *   <tr><td>{@code session_summary(uuid)}</td><td>{@code summary(UUID)} (empty for unknown UUIDs)</td></tr>
 *   <tr><td>{@code session_summary(uuid, status_only=True)}</td><td>{@code summary(UUID).map(SessionSummary::state)}, plus {@code isVirgin(UUID)}</td></tr>
 *   <tr><td>{@code update_status(session_uuid=|profile_name=|profile_id=, session_list, force_update, newly_connected)}</td>
 *       <td>{@code updateStatus(StatusTarget, SessionList, boolean, boolean)}; python-shaped
 *       {@code updateStatus(UUID, String, String, SessionList, boolean, boolean)} validates "exactly one"</td></tr>
 *   <tr><td>{@code register_available_server_sessions(profile_name, session_list, newly_connected, re_register, skip_pubapp_sessions)}</td>
 *       <td>{@code registerAvailableServerSessions(profileId, SessionList, boolean, boolean, boolean)}</td></tr>
 *   <tr><td>{@code enable_session_auto_registration()} / {@code disable_session_auto_registration()}</td>
 *       <td>{@code enableSessionAutoRegistration()} / {@code disableSessionAutoRegistration()}</td></tr>
 *   <tr><td>session's start/resume/suspend/terminate flag changes (R-SES-13..15)</td>
 *       <td>{@code markStarting}, {@code markResuming}, {@code attachTerminal}, {@code attachProxy}, {@code markRunning},
 *       {@code markFaulty}, {@code markSuspendedByThisClient}, {@code markTerminatedByThisClient}, {@code markStartupFailed}</td></tr>
 *   <tr><td>{@code control_sessions[profile_id]} bookkeeping, {@code HOOK_on_control_session_death}</td>
 *       <td>{@code attachControlSession}, {@code detachControlSession}, {@code reportControlSessionDeath}</td></tr>
 *   <tr><td>guardian clean-up of sessions' threads (R-GRD-4)</td><td>{@code releaseAllTerminals()}</td></tr>
 * </table>
 *
 * <table>
 *   <caption>python-x2go list-sessions cache to Java ({@code ListSessionsCache}, keyed by profile ID)</caption>
 *   <tr><th>python ({@code X2GoListSessionsCache})</th><th>Java</th></tr>
 *   <tr><td>{@code update(profile_name, update_sessions, update_desktops, update_mounts)}</td>
 *       <td>{@code update(profileId, ControlSession, boolean, boolean, boolean)}</td></tr>
 *   <tr><td>{@code list_sessions / list_desktops / list_mounts}</td><td>{@code listSessions / listDesktops / listMounts(profileId)}</td></tr>
 *   <tr><td>{@code is_cached(profile_name, cache_type)}</td><td>{@code isCached(profileId[, CacheType])}</td></tr>
 *   <tr><td>{@code delete(profile_name)}</td><td>{@code delete(profileId)}</td></tr>
 *   <tr><td>{@code check_cache()}</td><td>{@code retainOnly(connectedProfileIds)}</td></tr>
 * </table>
 *
 * <p>Fixed python defects: Q-47 (auto-registration throttle), Q-48/Q-51 (auto-registered sessions
 * are {@link org.x2go.registry.SessionOrigin#DISCOVERED}, not virgin, never reused), Q-49 (no lock
 * survives an exception), Q-50 (ad-hoc profiles auto-register), Q-52 (non-running by record),
 * Q-53 ({@code hasSuspendedSessions} works), Q-55 (interfaces, no exact-type check), Q-56 (surplus
 * virgin records dropped whatever the selector), Q-74 (typed selections), Q-87 (throttle and
 * per-profile failures), Q-88 (master entry dropped on own suspend/terminate and forget), Q-89
 * (master election from the session name), TV-36b (own suspend/terminate reported as
 * {@link org.x2go.api.EventCause#BY_THIS_CLIENT}).
 */
package org.x2go.registry;
