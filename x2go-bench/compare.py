#!/usr/bin/env python3
"""Prints the python-x2go vs x2go-java table from one compare.sh run (standard library only).

usage: compare.py --jmh JMH.json [--python PY.json] [--java-cpu CPU.json] [--probes PROBES.txt]
                  [--java-json OUT.json]

JMH.json is JMH's `-rf json` output of the x2go-bench suite, PY.json the python harness's
`run.py --json` output (same machine, same sitting), PROBES.txt the key=value lines of
`org.x2go.bench.Probes tick` and `... memory`. Per workload the Java figure is the median of the
measured iterations (python reports the median of its repetitions). ratio = java ops/s / python ops/s.
CPU.json is org.x2go.bench.CpuTimes's output (python's loop shape, thread CPU time per op); with it the
table also gives the ratio of CPU time per op (python cpu_median_s_per_op / java's), which other
processes on a shared machine disturb far less than wall-clock time.
--java-json writes the Java results in the python harness's schema (id, n, median_s_per_op, ...), so
that shared/bench/python/combine.py --compare can read them too.
"""
import argparse
import json
import re
import statistics

UNIT_S = {'s/op': 1.0, 'ms/op': 1e-3, 'us/op': 1e-6, 'ns/op': 1e-9}
PREFIX = {'W1Bench': 'W1', 'W2Bench': 'W2', 'W3Bench': 'W3', 'W4Bench': 'W4', 'W5Bench': 'W5'}
TARGET_RATIO = 100.0
TICK_TARGET_MS = 20.0
MEMORY_TARGET_B = 2048.0
# W3 queries whose answer is a fixed-size value: per-op cost must not grow with N
FLAT = ('get_by_name', 'session_summary', 'has_running')
# W3 queries whose answer grows with N: the cost per returned record must not grow with N
PER_RESULT = {'running_sessions': 0.5, 'suspended_names': 0.3, 'running_of_profile': 0.05}


def snake(name):
    return re.sub(r'(?<!^)(?=[A-Z])', '_', name).lower()


def load_jmh(path):
    out = {}
    extra = {}
    for r in json.load(open(path)):
        cls, meth = r['benchmark'].split('.')[-2:]
        unit = UNIT_S[r['primaryMetric']['scoreUnit']]
        raw = [x for fork in r['primaryMetric']['rawData'] for x in fork]
        med = statistics.median(raw) * unit
        rec = {'median_s_per_op': med, 'min_s_per_op': min(raw) * unit, 'max_s_per_op': max(raw) * unit,
               'runs': len(raw), 'mode': r['mode'], 'params': r.get('params', {})}
        if cls in PREFIX:
            n = int(r['params']['n'])
            wid = '%s-%s-%d' % (PREFIX[cls], snake(meth), n)
            rec.update({'id': wid, 'n': n, 'ops_per_s': 1.0 / med})
            out[wid] = rec
        else:
            extra['%s.%s' % (cls, meth)] = rec
    return out, extra


def load_python(path):
    if not path:
        return {}, None
    doc = json.load(open(path))
    return {r['id']: r for r in doc['results']}, doc


def load_probes(path):
    vals = {}
    if path:
        for line in open(path):
            if '=' in line and not line.startswith('#'):
                k, _, v = line.strip().partition('=')
                vals[k] = v
    return vals


def fmt_ops(x):
    if x is None:
        return '-'
    if x >= 100:
        return '{:,.0f}'.format(x)
    if x >= 1:
        return '%.1f' % x
    return '%.3f' % x


def fmt_t(s):
    if s >= 1:
        return '%.2f s' % s
    if s >= 1e-3:
        return '%.2f ms' % (s * 1e3)
    if s >= 1e-6:
        return '%.2f us' % (s * 1e6)
    return '%.0f ns' % (s * 1e9)


def order_key(wid):
    fam, _, n = wid.rpartition('-')
    return (fam[:2], int(n) if n.isdigit() else 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jmh', required=True)
    ap.add_argument('--python')
    ap.add_argument('--java-cpu')
    ap.add_argument('--probes')
    ap.add_argument('--java-json')
    a = ap.parse_args()
    java, extra = load_jmh(a.jmh)
    py, pydoc = load_python(a.python)
    probes = load_probes(a.probes)
    cpu = {r['id']: r for r in json.load(open(a.java_cpu))['results']} if a.java_cpu else {}

    def cpu_ratio(wid, p):
        c = cpu.get(wid)
        if not c or not p or not p.get('cpu_median_s_per_op') or not c.get('cpu_median_s_per_op'):
            return None
        return p['cpu_median_s_per_op'] / c['cpu_median_s_per_op']

    def fmt_ratio(r):
        if r is None:
            return '-'
        return '%.1f' % r if r < 1000 else '{:,.0f}'.format(r)

    ids = [r for r in py] + sorted((w for w in java if w not in py), key=order_key)
    print('| workload | N | python ops/s | java ops/s | ratio (java/python) | ratio by CPU time | >= 100x (wall / CPU) |')
    print('|---|---:|---:|---:|---:|---:|---|')
    missed = []
    for wid in ids:
        j = java.get(wid)
        p = py.get(wid)
        n = (j or p)['n']
        jops = j['ops_per_s'] if j else None
        pops = 1.0 / p['median_s_per_op'] if p else None
        note = ''
        if 'lookup_in_map' in wid:
            # Java-only variant: compared with python's W1-lookup (a dict lookup) of the same N
            base = py.get(wid.replace('lookup_in_map', 'lookup'))
            pops = 1.0 / base['median_s_per_op'] if base else None
            note = ' (extra: vs python W1-lookup)'
        cr = None if note else cpu_ratio(wid, p)
        if jops and pops:
            ratio = jops / pops
            ok = 'yes' if ratio >= TARGET_RATIO else 'MISSED'
            ok += ' / ' + ('-' if cr is None else 'yes' if cr >= TARGET_RATIO else 'MISSED')
            if ratio < TARGET_RATIO and not note:
                missed.append((wid, ratio, cr))
            print('| %s%s | %d | %s | %s | %s | %s | %s |' % (wid, note, n, fmt_ops(pops), fmt_ops(jops),
                                                           fmt_ratio(ratio), fmt_ratio(cr), ok))
        else:
            print('| %s%s | %d | %s | %s | - | - | (no python figure in this run) |' % (wid, note, n, fmt_ops(pops),
                                                                                     fmt_ops(jops)))

    print()
    src = cpu if cpu else java
    key = 'cpu_median_s_per_op' if cpu else 'median_s_per_op'
    pkey = 'cpu_median_s_per_op' if cpu else 'median_s_per_op'
    print('W3 scaling (indexed queries): java %s per op at each N, per returned record for list answers'
          % ('CPU time (CpuTimes)' if cpu else 'wall-clock time (JMH)'))
    print('| query | unit | ' + ' | '.join('N=%d' % n for n in (100, 1000, 10000))
          + ' | java N=10000 / N=100 | python N=max / N=100 (same measure) |')
    print('|---|---|---:|---:|---:|---:|---:|')
    for q in list(FLAT) + list(PER_RESULT):
        per = PER_RESULT.get(q)
        vals, pvals = [], []
        for n in (100, 1000, 10000):
            j = src.get('W3-%s-%d' % (q, n))
            p = py.get('W3-%s-%d' % (q, n))
            div = (per * n) if per else 1
            vals.append(j[key] / div if j and j.get(key) else None)
            pvals.append(p[pkey] / div if p and p.get(pkey) else None)
        last = max((i for i in range(3) if vals[i]), default=None)
        grow = ('%.2f' % (vals[last] / vals[0])) if vals[0] and last else '-'
        plast = max((i for i in range(3) if pvals[i]), default=None)
        pgrow = ('%.2f (N=%d)' % (pvals[plast] / pvals[0], (100, 1000, 10000)[plast])) if pvals[0] and plast else '-'
        print('| %s | %s | %s | %s | %s |' % (q, 'per returned record' if per else 'per op',
                                            ' | '.join(fmt_t(v) if v else '-' for v in vals), grow, pgrow))

    print()
    if 'tick_cpu_median_ms' in probes:
        t = float(probes['tick_cpu_median_ms'])
        tp = float(probes.get('tick_process_cpu_mean_ms', 'nan'))
        print('guardian tick (%s profiles x %s sessions, in-memory control sessions, steady state): thread CPU median '
              '%.2f ms (min %s, p90 %s; process CPU incl. GC, mean %.2f ms; wall median %s ms) -> target < %.0f ms: %s'
              % (probes.get('tick_profiles'), probes.get('tick_sessions_per_profile'), t, probes.get('tick_cpu_min_ms'),
                 probes.get('tick_cpu_p90_ms'), tp, probes.get('tick_wall_median_ms'), TICK_TARGET_MS,
                 'met' if max(t, tp if tp == tp else 0) < TICK_TARGET_MS else 'MISSED'))
        print('  check: %s' % probes.get('tick_check'))
    g = extra.get('GuardianTickBench.tick')
    if g:
        print('guardian tick, JMH wall-clock median: %s per tick' % fmt_t(g['median_s_per_op']))
    if 'memory_bytes_per_registered_session' in probes:
        m = float(probes['memory_bytes_per_registered_session'])
        mi = float(probes.get('memory_bytes_per_autoregistered_session_with_info', 'nan'))
        print('retained heap per registered session (%s sessions, heap after GC, %s): %.0f bytes named record, '
              '%.0f bytes auto-registered record with its SessionInfo -> target < %.0f bytes: %s'
              % (probes.get('memory_sessions'), probes.get('memory_gc'), m, mi, MEMORY_TARGET_B,
                 'met' if max(m, mi) < MEMORY_TARGET_B else 'MISSED'))
    if pydoc:
        mach = pydoc.get('machine', {})
        print('python: python-x2go %s, mode %s, loadavg %s -> %s' % (pydoc.get('version'), pydoc.get('mode'),
                                                                  mach.get('loadavg_1min_start'), mach.get('loadavg_1min_end')))
    if missed:
        print('rows below the %gx target by wall-clock time: %s' % (TARGET_RATIO, ', '.join(
            '%s (%.1fx; by CPU time %s)' % (w, r, fmt_ratio(c) + 'x' if c else '-') for w, r, c in missed)))

    if a.java_json:
        results = []
        for wid in sorted(java, key=order_key):
            j = java[wid]
            results.append({k: j[k] for k in ('id', 'n', 'median_s_per_op', 'ops_per_s', 'runs', 'min_s_per_op',
                                              'max_s_per_op')})
        with open(a.java_json, 'w') as f:
            json.dump({'library': 'x2go-java', 'results': results}, f, indent=1)


if __name__ == '__main__':
    main()
