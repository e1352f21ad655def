"""Memristive nociceptor grids in Brian2, cpp_standalone, one thread.

Usage: /usr/bin/python3 bench/brian2/nociceptor.py SPEC.json [--build-dir DIR]
SPEC (written by bench/brian2-nociceptor.ts from memspike's device preset and
nociceptor defaults, so both sides run the same model):
  dt_s, duration_s, n, threshold_v (device), beta, g0, m (sensitisation gain),
  components: [{name, weight, pot, pot_slope, dep, dep_slope, inv_tau, tau_slope}],
  every component of the preset in state order (rates at pot_ref_v / dep_ref_v),
  sens: the name of the sensitisation component, pot_ref_v,
  dep_ref_v, law: {threshold_a, max_rate_hz, half_rate_a},
  stim_dt_s, stim: [[V per stim step] per waveform], wave_of: [waveform per receptor]
Model: per component dx/dt = P(V)(1 - x) - D(V) x - x / tau(V) = a - b x,
a and b tabulated per waveform and stimulus step from the same formulas as
src/devices/mose2.ts (method 'exact': they are constant over a step, so each step
is x <- a/b + (x - a/b) exp(-b dt), exact however steep: rates of ~1e9/s at 7 V
settle within the step), G = G0 + (sum over k != sens of g_k x_k)(1 + m x_sens)
+ g_sens x_sens, I = G sinh(beta V) / beta; phase
d(phi)/dt = r(I) with r = r_max (I - I_nox) / (I - I_nox + I_half) above I_nox,
integrated by the trapezoidal rule over each step (the rate at both ends of
the step with that step's voltage: second order; Euler, the rate at the start
of the step, left receptors one spike apart from memspike's exact phase over
10 s), spike when phi >= 1, then phi -= 1 (the overshoot is kept, so the rate
is not biased by the grid); the first spike's time is interpolated linearly
within its step.
Prints one JSON line: wall_s (simulation loop, as timed by the generated code;
compilation excluded), cpu_s (the binary), build_s, spikes, counts, first_s.
"""
import argparse
import json
import resource
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("spec")
    ap.add_argument("--build-dir", default=None)
    a = ap.parse_args()
    with open(a.spec) as f:
        s = json.load(f)

    import numpy as np
    import brian2 as b2
    from brian2 import second

    b2.prefs.logging.console_log_level = "ERROR"
    build_dir = a.build_dir or tempfile.mkdtemp(prefix="memspike-brian2-noci-")
    b2.set_device("cpp_standalone", directory=build_dir, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.defaultclock.dt = s["dt_s"] * second

    n = s["n"]
    V = np.asarray(s["stim"], dtype=float).T  # (steps, waveforms)
    sdt = s["stim_dt_s"] * second
    stim = b2.TimedArray(V, dt=sdt)
    comps = s["components"]
    names = [c["name"] for c in comps]
    sens = s["sens"]
    if sens not in names:
        raise SystemExit(f"{a.spec}: sens: {sens!r} is not one of the components {names}")
    ns = {"stim": stim, "beta": s["beta"], "G0": s["g0"], "gain": s["m"]}
    dev_eqs = ["w : integer (constant)"]
    # The rate coefficients of each component are functions of the voltage alone,
    # tabulated per waveform and stimulus step (constant over a step): dx/dt = a - b x.
    for k, c in zip(names, comps):
        pot = c["pot"] * np.exp(c["pot_slope"] * (V - s["pot_ref_v"])) * (V > s["threshold_v"])
        dep = c["dep"] * np.exp(c["dep_slope"] * (-V - s["dep_ref_v"])) * (V < -s["threshold_v"])
        relax = c["inv_tau"] * np.exp(c["tau_slope"] * np.abs(V))
        ns[f"a_{k}"] = b2.TimedArray(pot, dt=sdt)
        ns[f"b_{k}"] = b2.TimedArray(pot + dep + relax, dt=sdt)
        ns[f"weight_{k}"] = c["weight"]
        dev_eqs.append(f"dx_{k}/dt = (a_{k}(t, w) - b_{k}(t, w) * x_{k}) / second : 1")
    A = b2.NeuronGroup(n, "\n".join(dev_eqs), method="exact", namespace=ns, order=1)
    A.w = np.asarray(s["wave_of"], dtype=int)
    law = s["law"]
    ns_b = dict(ns, Inox=law["threshold_a"], rmax=law["max_rate_hz"], Ihalf=law["half_rate_a"])
    gx = ("G0 + (" + " + ".join(f"weight_{k} * x_{k}" for k in names if k != sens)
          + f") * (1 + gain * x_{sens}) + weight_{sens} * x_{sens}")
    phase_eqs = "\n".join(
        [f"x_{k} : 1 (linked)" for k in names]
        + [
            "w : integer (constant)",
            f"G = {gx} : 1",
            # Over I_nox with the voltage of the step that ends now (overm) and of the one that starts now (overp).
            "overm = G * sinh(beta * stim(t - 0.5 * dt, w)) / beta - Inox : 1",
            "overp = G * sinh(beta * stim(t + 0.5 * dt, w)) / beta - Inox : 1",
            "phi : 1",
            "ra : 1",
            "inc : 1",
            "first_t : second",
        ]
    )
    B = b2.NeuronGroup(n, phase_eqs, threshold="phi >= 1",
                       reset="first_t = first_t * int(first_t >= 0 * second) + (t - dt * (phi - 1) / inc) * int(first_t < 0 * second)\nphi -= 1",
                       namespace=ns_b, order=0)
    # Trapezoidal phase over the step that ends now: the rate at its start (ra, kept
    # from the last step) and at its end (the device state now, the same step's voltage).
    B.run_regularly(
        "inc = 0.5 * dt / second * (ra + int(t > 0 * second) * rmax * overm / (overm + Ihalf) * int(overm > 0))\n"
        "phi += inc\n"
        "ra = rmax * overp / (overp + Ihalf) * int(overp > 0)",
        when="start", order=0)
    for k in names:
        setattr(B, f"x_{k}", b2.linked_var(A, f"x_{k}"))
    B.w = A.w[:]
    B.first_t = -1 * second
    M = b2.SpikeMonitor(B, record=False)
    b2.run(s["duration_s"] * second)
    t0 = time.time()
    b2.device.build(directory=build_dir, compile=True, run=False, debug=False)
    build_s = time.time() - t0
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    b2.device.run(directory=build_dir, with_output=False, run_args=[])
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    wall = float(b2.device._last_run_time)
    counts = np.asarray(M.count[:]).astype(int)
    first = np.asarray(B.first_t[:] / second)
    print(json.dumps({
        "name": f"brian2/nociceptor/{s.get('workload', '')}/n={n}/dt={s['dt_s']:g}",
        "n": n,
        "wall_s": wall,
        "cpu_s": cpu,
        "build_s": build_s,
        "spikes": int(counts.sum()),
        "counts": counts.tolist(),
        "first_s": [float(x) if x >= 0 else None for x in first],
    }))


if __name__ == "__main__":
    sys.exit(main())
