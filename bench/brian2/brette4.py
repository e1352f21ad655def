"""Brette et al. 2007 benchmark 4 (and CUBA) in Brian2, cpp_standalone, one thread.

Usage: /usr/bin/python3 bench/brian2/brette4.py --model benchmark4|cuba --n 4000
       --duration 10 --dt 1e-4 --seed 1 [--inputs 80] [--build-dir DIR]
Prints one JSON line: name, n, dt_s, rate_e_hz, rate_i_hz, spikes,
synaptic_events, wall_s (simulation loop only, as timed by the generated
code; compilation excluded), cpu_s (CPU time of the whole simulation binary:
loop plus loading and saving its arrays), build_s, synapses.

Same network as src/network/brette.ts: 80 % E, p = inputs / n, tau_m = 20 ms,
E_L = -49 mV, V_th = -50 mV, V_reset = -60 mV, refractory 5 ms, delay
0.125 ms, V(0) uniform in [V_reset, V_th]. benchmark4: jumps +0.25 / -2.25 mV,
inputs ignored while refractory. cuba: g_e, g_i (volts) jump by 1.62 / -9 mV,
decay with 5 / 10 ms. Connectivity is drawn by Brian's own generator.
"""
import argparse
import json
import os
import resource
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="benchmark4", choices=["benchmark4", "cuba"])
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--duration", type=float, default=10.0)
    ap.add_argument("--dt", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--inputs", type=float, default=80.0)
    ap.add_argument("--build-dir", default=None)
    a = ap.parse_args()

    import brian2 as b2
    from brian2 import ms, mV, second

    b2.prefs.logging.console_log_level = "ERROR"
    build_dir = a.build_dir or tempfile.mkdtemp(prefix="memspike-brian2-")
    b2.set_device("cpp_standalone", directory=build_dir, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.defaultclock.dt = a.dt * second
    b2.seed(a.seed)

    n = a.n
    n_e = int(round(0.8 * n))
    p = min(1.0, a.inputs / n)
    taum, El, Vt, Vr = 20 * ms, -49 * mV, -50 * mV, -60 * mV
    if a.model == "benchmark4":
        eqs = "dv/dt = (El - v) / taum : volt (unless refractory)"
        we, wi = 0.25 * mV, -2.25 * mV
        on_e = "v += we * int(not_refractory_post)"
        on_i = "v += wi * int(not_refractory_post)"
    else:
        taue, taui = 5 * ms, 10 * ms
        eqs = """dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
                 dge/dt = -ge / taue : volt
                 dgi/dt = -gi / taui : volt"""
        we, wi = 1.62 * mV, -9 * mV
        on_e, on_i = "ge += we", "gi += wi"
    P = b2.NeuronGroup(n, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method="exact")
    P.v = "Vr + rand() * (Vt - Vr)"
    Ce = b2.Synapses(P[:n_e], P, on_pre=on_e, delay=0.125 * ms)
    Ci = b2.Synapses(P[n_e:], P, on_pre=on_i, delay=0.125 * ms)
    Ce.connect(p=p)
    Ci.connect(p=p)
    M = b2.SpikeMonitor(P, record=False)
    Me = b2.SpikeMonitor(P[:n_e], record=False)
    b2.run(a.duration * second)
    t0 = time.time()
    b2.device.build(directory=build_dir, compile=True, run=False, debug=False)
    build_s = time.time() - t0
    # CPU time of the simulation binary (a child process): fairer than wall
    # time on a shared machine; the loop's own wall time is reported too.
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    b2.device.run(directory=build_dir, with_output=False, run_args=[])
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    wall = float(b2.device._last_run_time)
    spikes = int(M.num_spikes)
    spikes_e = int(Me.num_spikes)
    # synaptic events: each spike of a neuron reaches its out-degree targets
    import numpy as np
    out_e = np.bincount(np.asarray(Ce.i[:]), minlength=n_e)
    out_i = np.bincount(np.asarray(Ci.i[:]), minlength=n - n_e)
    # spike counts per neuron need the monitor's count variable
    counts = np.asarray(M.count[:])
    events = int((counts[:n_e] * out_e).sum() + (counts[n_e:] * out_i).sum())
    print(json.dumps({
        "name": f"brian2/{a.model}/n={n}/dt={a.dt:g}",
        "n": n,
        "dt_s": a.dt,
        "rate_e_hz": spikes_e / n_e / a.duration,
        "rate_i_hz": (spikes - spikes_e) / (n - n_e) / a.duration,
        "spikes": spikes,
        "synaptic_events": events,
        "wall_s": wall,
        "build_s": build_s,
        "synapses": int(len(Ce) + len(Ci)),
        "cpu_s": cpu,
        "events_per_s": events / wall if wall > 0 else None,
        "events_per_cpu_s": events / cpu if cpu > 0 else None,
    }))


if __name__ == "__main__":
    sys.exit(main())
