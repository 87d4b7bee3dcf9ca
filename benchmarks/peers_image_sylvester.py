#!/usr/bin/python3
"""Peer timings for bench_image.cpp and bench_sylvester.cpp on the same inputs (run right after
them): scikit-image 0.19.3 hessian_matrix / frangi (2-D image and 3-D volume) and SciPy 1.10
solve_sylvester (Debian 12: python3-skimage, python3-scipy). Median of 5 runs after a warm-up
(fewer for the slow 3-D frangi); wall-clock and CPU (process) time.

    GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736 \\
      /usr/bin/python3 benchmarks/peers_image_sylvester.py
"""
import statistics
import time

import numpy as np
import scipy
import scipy.linalg
import scipy.ndimage as ndi
import skimage
from skimage.feature import hessian_matrix
from skimage.filters import frangi

MASK = (1 << 64) - 1


def lcg(seed, count):
    """bench_common_inputs.hpp's Lcg: uniform in [-1/2, 1/2)."""
    out = np.empty(count)
    s = seed
    for i in range(count):
        s = (s * 6364136223846793005 + 1442695040888963407) & MASK
        out[i] = (s >> 11) / 9007199254740992.0 - 0.5
    return out


def vessel_image(n):
    noise = lcg(12345, n * n).reshape(n, n)  # row-major fill: y outer, x inner
    y, x = np.mgrid[0:n, 0:n].astype(np.float64)
    c = n / 2
    d1 = y - (c + n / 6 * np.sin(x / (n / 6)))
    d2 = (x - c) * 0.8660254037844386 - (y - c) * 0.5
    v = 0.6 * np.exp(-d1 * d1 / 4.5) + 0.6 * np.exp(-d2 * d2 / 32.0)
    return (1.0 - np.minimum(v, 0.9) + 0.1 * noise).astype(np.float32)


def vessel_volume(n):
    """bench_image.cpp's vessel_volume(): n^3 float32, returned as V[z, y, x] (C order = the
    Volume's memory order, x fastest)."""
    noise = lcg(54321, n * n * n).reshape(n, n, n)  # memory order: z outer, x inner
    z, y, x = np.mgrid[0:n, 0:n, 0:n].astype(np.float64)
    c = n / 2
    px, py, pz = x - c, y - c, z - c
    dx = px - n / 12 * np.sin(z / (n / 8))
    d1 = dx * dx + py * py
    t = (px + py + pz) / 3
    d2 = (px - t) ** 2 + (py - t) ** 2 + (pz - t) ** 2
    w = 0.6 * np.exp(-d1 / 8.0) + 0.6 * np.exp(-d2 / 32.0)
    return (1.0 - np.minimum(w, 0.9) + 0.1 * noise).astype(np.float32)


def uniform_matrix(m, n, seed):
    return lcg(seed, m * n).reshape((m, n), order="F")


def median_time(f, runs=5, warmup=True):
    return median_times(f, runs, warmup)[0]


def median_times(f, runs=5, warmup=True):
    """(wall, cpu) medians in seconds; cpu is this process's CPU time (all threads)."""
    if warmup:
        f()
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        f()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def main():
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, scikit-image {skimage.__version__}")
    img = vessel_image(2048)
    for sigma in (2, 4):
        t = median_time(lambda: hessian_matrix(img, sigma=sigma, mode="reflect", order="rc"))
        print(f"skimage.feature.hessian_matrix 2048x2048 float32 sigma={sigma}: {t * 1e3:.1f} ms")
        t = median_time(lambda: [ndi.gaussian_filter(img, sigma, order=o, mode="reflect") for o in ((0, 2), (1, 1), (2, 0))])
        print(f"scipy.ndimage.gaussian_filter x3 (Gaussian derivatives) sigma={sigma}: {t * 1e3:.1f} ms")
    t = median_time(lambda: frangi(img, sigmas=[1, 2, 3, 4], black_ridges=True, mode="reflect"), runs=3)
    print(f"skimage.filters.frangi 2048x2048 float32 sigmas=1..4: {t * 1e3:.1f} ms")
    vol = vessel_volume(128)
    w, c = median_times(lambda: hessian_matrix(vol, sigma=2, mode="reflect", order="rc"), runs=3)
    print(f"skimage.feature.hessian_matrix 128^3 float32 sigma=2: {w * 1e3:.1f} ms wall, {c * 1e3:.1f} ms CPU")
    w, c = median_times(lambda: [ndi.gaussian_filter(vol, 2, order=o, mode="reflect")
                                 for o in ((0, 0, 2), (0, 1, 1), (0, 2, 0), (1, 0, 1), (1, 1, 0), (2, 0, 0))], runs=3)
    print(f"scipy.ndimage.gaussian_filter x6 (Gaussian derivatives) 128^3 sigma=2: {w * 1e3:.1f} ms wall, "
          f"{c * 1e3:.1f} ms CPU")
    w, c = median_times(lambda: frangi(vol, sigmas=[1, 2, 3], black_ridges=True, mode="reflect"), runs=1,
                        warmup=False)
    print(f"skimage.filters.frangi 128^3 float32 sigmas=1..3: {w * 1e3:.1f} ms wall, {c * 1e3:.1f} ms CPU (1 run)")
    for n in (200, 500):
        a, b, c = uniform_matrix(n, n, 1), uniform_matrix(n, n, 2), uniform_matrix(n, n, 3)
        x = scipy.linalg.solve_sylvester(a, b, c)
        res = np.linalg.norm(a @ x + x @ b - c) / ((np.linalg.norm(a) + np.linalg.norm(b)) * np.linalg.norm(x))
        t = median_time(lambda: scipy.linalg.solve_sylvester(a, b, c))
        print(f"scipy.linalg.solve_sylvester n={n}: {t * 1e3:.1f} ms (relative residual {res:.2e})")


if __name__ == "__main__":
    main()
