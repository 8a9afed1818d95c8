package org.x2go.registry.internal;

import org.x2go.api.EventCause;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionState;
import org.x2go.registry.OwnOperation;

/**
 * The pure status reconciler: what one server list entry does to one bound record. No state, no I/O;
 * the registry applies the outcome under its lock. One line of the table per rule, first match wins
 * ("—": any; "own op" is this client's suspend or terminate window on the record's session):
 *
 * <table>
 *   <caption>record state × own op × listed → new state, event (cause), effects</caption>
 *   <tr><th>#</th><th>own op</th><th>listed</th><th>record state</th><th>→ state</th><th>event</th><th>effects</th></tr>
 *   <tr><td>1</td><td>SUSPEND</td><td>S</td><td>not SUSPENDED</td><td>SUSPENDED</td><td>SUSPENDED (this client)</td><td>release</td></tr>
 *   <tr><td>2</td><td>SUSPEND</td><td>gone / ended</td><td>R, S or FAULTY</td><td>TERMINATED</td><td>TERMINATED (server)</td><td>end</td></tr>
 *   <tr><td>3</td><td>SUSPEND</td><td>other</td><td>—</td><td>unchanged</td><td>none</td><td></td></tr>
 *   <tr><td>4</td><td>TERMINATE</td><td>gone / ended</td><td>—</td><td>TERMINATED</td><td>TERMINATED (this client)</td><td>end</td></tr>
 *   <tr><td>5</td><td>TERMINATE</td><td>R or S</td><td>—</td><td>unchanged</td><td>none</td><td></td></tr>
 *   <tr><td>6</td><td>none</td><td>R</td><td>RUNNING or FAULTY</td><td>unchanged</td><td>none</td><td></td></tr>
 *   <tr><td>7</td><td>none</td><td>R</td><td>other, right after connect</td><td>RUNNING</td><td>FOUND_RUNNING_AFTER_CONNECT (other client)</td><td></td></tr>
 *   <tr><td>8</td><td>none</td><td>R</td><td>STARTING, or this client holds the terminal</td><td>RUNNING</td><td>STARTED (this client)</td><td>own run</td></tr>
 *   <tr><td>9</td><td>none</td><td>R</td><td>RESUMING, or SUSPENDED with this client's terminal</td><td>RUNNING</td><td>RESUMED (this client)</td><td>own run</td></tr>
 *   <tr><td>10</td><td>none</td><td>R</td><td>SUSPENDED</td><td>RUNNING</td><td>RESUMED (other client)</td><td></td></tr>
 *   <tr><td>11</td><td>none</td><td>R</td><td>virgin, seen connected before</td><td>RUNNING</td><td>STARTED (other client)</td><td></td></tr>
 *   <tr><td>12</td><td>none</td><td>R</td><td>other</td><td>RUNNING</td><td>none</td><td></td></tr>
 *   <tr><td>13</td><td>none</td><td>S</td><td>RUNNING or FAULTY, seen connected before</td><td>SUSPENDED</td><td>SUSPENDED (server)</td><td>release</td></tr>
 *   <tr><td>14</td><td>none</td><td>S</td><td>RUNNING or FAULTY, first look</td><td>SUSPENDED</td><td>none</td><td>release</td></tr>
 *   <tr><td>15</td><td>none</td><td>S</td><td>CONNECTED</td><td>SUSPENDED</td><td>none</td><td></td></tr>
 *   <tr><td>16</td><td>none</td><td>S</td><td>other</td><td>unchanged</td><td>none</td><td></td></tr>
 *   <tr><td>17</td><td>none</td><td>gone / ended</td><td>R, S or FAULTY</td><td>TERMINATED</td><td>TERMINATED (server)</td><td>end</td></tr>
 *   <tr><td>18</td><td>none</td><td>gone / ended</td><td>other</td><td>unchanged</td><td>none</td><td></td></tr>
 * </table>
 * "release": the terminal and proxy are closed and the master entry dropped; "own run": the record is no
 * longer virgin and master election runs; "end": the event is published before clean-up, then the record
 * is recycled. Row 13's cause is {@link EventCause#BY_SERVER} because the list cannot tell another
 * client's suspend from an agent that suspended itself; row 10's is {@link EventCause#BY_OTHER_CLIENT}
 * because only a client resumes a suspended session.
 */
public final class StatusReconciler {
    private StatusReconciler() {
    }

    /** How the server lists the record's session. */
    public enum Listed { RUNNING, SUSPENDED, GONE, ENDED }

    /**
     * @param state          the record's state
     * @param ownOp          this client's operation open on the record's session, or null
     * @param listed         how the server lists the session
     * @param held           whether this client holds the session's terminal
     * @param baseline       whether the record was reconciled while connected before
     * @param virgin         whether this client never started or resumed the record
     * @param newlyConnected whether this list is the first after connecting
     */
    public record Input(SessionState state, OwnOperation ownOp, Listed listed, boolean held, boolean baseline,
                        boolean virgin, boolean newlyConnected) {
    }

    /**
     * @param row     the table row that matched
     * @param next    the new state, or null to leave the record as it is
     * @param event   the event to publish, or null
     * @param cause   its cause, or null without event
     * @param release close terminal and proxy, drop the master entry
     * @param ownRun  no longer virgin, elect a master
     * @param end     publish before clean-up, then recycle
     */
    public record Outcome(int row, SessionState next, SessionEvent.Kind event, EventCause cause, boolean release,
                          boolean ownRun, boolean end) {
        static Outcome none(int row) {
            return new Outcome(row, null, null, null, false, false, false);
        }
    }

    /**
     * @param in the record's facts and the server's entry
     * @return what to do, per the table
     */
    public static Outcome decide(Input in) {
        SessionState s = in.state();
        boolean gone = in.listed() == Listed.GONE || in.listed() == Listed.ENDED;
        if (in.ownOp() == OwnOperation.SUSPEND) {
            if (in.listed() == Listed.SUSPENDED && s != SessionState.SUSPENDED) {
                return new Outcome(1, SessionState.SUSPENDED, SessionEvent.Kind.SUSPENDED, EventCause.BY_THIS_CLIENT,
                        true, false, false);
            }
            if (gone && s.hasServerSession()) {
                return ended(2, EventCause.BY_SERVER);
            }
            return Outcome.none(3);
        }
        if (in.ownOp() == OwnOperation.TERMINATE) {
            return gone ? ended(4, EventCause.BY_THIS_CLIENT) : Outcome.none(5);
        }
        return switch (in.listed()) {
            case RUNNING -> running(in);
            case SUSPENDED -> suspended(in);
            case GONE, ENDED -> s.hasServerSession() ? ended(17, EventCause.BY_SERVER) : Outcome.none(18);
        };
    }

    private static Outcome running(Input in) {
        SessionState s = in.state();
        if (s == SessionState.RUNNING || s == SessionState.FAULTY) {
            return Outcome.none(6);
        }
        boolean wasSuspended = s == SessionState.SUSPENDED || s == SessionState.RESUMING;
        boolean mine = s == SessionState.STARTING || s == SessionState.RESUMING || in.held();
        if (in.newlyConnected()) {
            return run(7, SessionEvent.Kind.FOUND_RUNNING_AFTER_CONNECT, EventCause.BY_OTHER_CLIENT, false);
        }
        if (mine) {
            return wasSuspended ? run(9, SessionEvent.Kind.RESUMED, EventCause.BY_THIS_CLIENT, true)
                    : run(8, SessionEvent.Kind.STARTED, EventCause.BY_THIS_CLIENT, true);
        }
        if (wasSuspended) {
            return run(10, SessionEvent.Kind.RESUMED, EventCause.BY_OTHER_CLIENT, false);
        }
        if (in.baseline() && in.virgin()) {
            return run(11, SessionEvent.Kind.STARTED, EventCause.BY_OTHER_CLIENT, false);
        }
        return run(12, null, null, false);
    }

    private static Outcome suspended(Input in) {
        SessionState s = in.state();
        if (s == SessionState.RUNNING || s == SessionState.FAULTY) {
            return in.baseline()
                    ? new Outcome(13, SessionState.SUSPENDED, SessionEvent.Kind.SUSPENDED, EventCause.BY_SERVER, true,
                    false, false)
                    : new Outcome(14, SessionState.SUSPENDED, null, null, true, false, false);
        }
        if (s == SessionState.CONNECTED) {
            return new Outcome(15, SessionState.SUSPENDED, null, null, false, false, false);
        }
        return Outcome.none(16);
    }

    private static Outcome run(int row, SessionEvent.Kind kind, EventCause cause, boolean ownRun) {
        return new Outcome(row, SessionState.RUNNING, kind, cause, false, ownRun, false);
    }

    private static Outcome ended(int row, EventCause cause) {
        return new Outcome(row, SessionState.TERMINATED, SessionEvent.Kind.TERMINATED, cause, false, false, true);
    }
}
