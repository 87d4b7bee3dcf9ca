# Reference values for tests/test_image_3d.cpp, from SciPy 1.10.1 and NumPy 1.24 (Debian 12:
# python3-scipy). Run: /usr/bin/python3 make_reference_3d.py (writes *.txt here).
# Conventions: the NumPy volume is V[z, y, x] in C order, so its flat memory order is the
# spectrakit Volume's (x fastest). Each output file holds one volume, flattened in that order,
# one value per line, 17 significant digits. Shape nx, ny, nz = 7, 6, 5.
import numpy as np
import scipy.ndimage as ndi

NX, NY, NZ = 7, 6, 5
z, y, x = np.mgrid[0:NZ, 0:NY, 0:NX].astype(np.float64)
# A smooth test volume: a dark oblique tube on a bright, gently curved background.
px, py, pz = x - 3.0, y - 2.5, z - 2.0
t = (px + 0.5 * py + 0.8 * pz) / np.sqrt(1 + 0.25 + 0.64)
d2 = px ** 2 + py ** 2 + pz ** 2 - t ** 2
volume = 1.0 + 0.05 * np.sin(0.4 * x) * np.cos(0.3 * y + 0.2 * z) - 0.6 * np.exp(-d2 / 3.0)


def save(name, a):
    np.savetxt(name, a.ravel(order="C"), fmt="%.17g")


# axis order of V[z, y, x]: order=(oz, oy, ox)
ORDERS = {"xx": (0, 0, 2), "xy": (0, 1, 1), "xz": (1, 0, 1), "yy": (0, 2, 0), "yz": (1, 1, 0), "zz": (2, 0, 0)}

save("input.txt", volume)
# 1) scipy.ndimage Gaussian derivatives (spectrakit's DerivativeKernel::sampled reproduces these).
for mode in ("reflect", "wrap", "constant"):
    for name, order in ORDERS.items():
        save(f"ndimage_{mode}_{name}.txt",
             ndi.gaussian_filter(volume, sigma=1.2, order=order, mode=mode, cval=0.0, truncate=4.0))


# 2) Frangi's 3-D formula on scipy.ndimage Gaussian derivatives with LAPACK eigenvalues
#    (np.linalg.eigvalsh): sigma^2-normalized Hessian, eigenvalues sorted by magnitude,
#    V = (1 - exp(-RA^2 / 2 alpha^2)) exp(-RB^2 / 2 beta^2) (1 - exp(-S^2 / 2 c^2)) where l2 and
#    l3 have the ridge's sign, c = max S / 2 per scale when c = 0; maximum over the scales.
def frangi_ndimage_3d(volume, sigmas, alpha, beta, c, black_ridges, mode="reflect"):
    out = np.zeros_like(volume)
    for s in sigmas:
        h = {k: s * s * ndi.gaussian_filter(volume, sigma=s, order=o, mode=mode, truncate=4.0)
             for k, o in ORDERS.items()}
        H = np.stack([np.stack([h["xx"], h["xy"], h["xz"]], -1),
                      np.stack([h["xy"], h["yy"], h["yz"]], -1),
                      np.stack([h["xz"], h["yz"], h["zz"]], -1)], -1)
        ev = np.linalg.eigvalsh(H)
        ev = np.take_along_axis(ev, np.argsort(np.abs(ev), -1, kind="stable"), -1)
        l1, l2, l3 = ev[..., 0], ev[..., 1], ev[..., 2]
        S2 = l1 ** 2 + l2 ** 2 + l3 ** 2
        cs = c if c > 0 else np.sqrt(S2.max()) / 2
        right = (l2 > 0) & (l3 > 0) if black_ridges else (l2 < 0) & (l3 < 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            ra2 = (l2 / l3) ** 2
            rb2 = l1 ** 2 / np.abs(l2 * l3)
            v = -np.expm1(-ra2 / (2 * alpha ** 2)) * np.exp(-rb2 / (2 * beta ** 2)) * -np.expm1(-S2 / (2 * cs ** 2))
        out = np.maximum(out, np.where(right, v, 0.0))
    return out


save("frangi_ndimage_auto_c.txt", frangi_ndimage_3d(volume, [0.8, 1.5], 0.5, 0.5, 0.0, True))
save("frangi_ndimage_bright_c02.txt", frangi_ndimage_3d(volume, [1.0], 0.7, 0.4, 0.02, False))
