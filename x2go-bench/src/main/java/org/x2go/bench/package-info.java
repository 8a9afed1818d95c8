/**
 * JMH benchmarks of x2go-java on the workloads W1–W5 of {@code shared/bench/WORKLOADS.md}, run side
 * by side with python-x2go's baseline harness by {@code x2go-bench/compare.sh}.
 *
 * <ul>
 *   <li>{@link org.x2go.bench.Workloads}: the generated inputs, byte-identical to python's;</li>
 *   <li>{@link org.x2go.bench.BenchControlSession}, {@link org.x2go.bench.EventCounter},
 *       {@link org.x2go.bench.Fixtures}: the in-memory fakes and fixtures (no SSH);</li>
 *   <li>{@link org.x2go.bench.W1Bench} … {@link org.x2go.bench.W5Bench},
 *       {@link org.x2go.bench.GuardianTickBench}: the benchmarks, each with the workload's checks;</li>
 *   <li>{@link org.x2go.bench.Probes}: guardian tick CPU time and retained heap per session.</li>
 * </ul>
 */
package org.x2go.bench;
