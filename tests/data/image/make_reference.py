# Reference values for tests/test_image.cpp, from SciPy 1.10.1 and scikit-image 0.19.3 (Debian 12:
# python3-scipy, python3-skimage). Run: /usr/bin/python3 make_reference.py (writes *.txt here).
# Conventions: NumPy images are row-major with axis 0 = rows = y, axis 1 = columns = x.
# Each output file holds one 12 x 16 array, one image row per line, 17 significant digits.
import numpy as np
import scipy
import scipy.ndimage as ndi
import skimage
from skimage.feature import hessian_matrix
from skimage.filters import frangi

R, C = 12, 16
y, x = np.mgrid[0:R, 0:C].astype(np.float64)
# A smooth test image: a dark slanted valley on a bright, gently curved background.
image = 1.0 + 0.05 * np.sin(0.4 * x) * np.cos(0.3 * y) - 0.6 * np.exp(-((x - 0.5 * y - 5.0) ** 2) / 4.0)


def save(name, a):
    np.savetxt(name, a, fmt="%.17g")


save("input.txt", image)
# 1) scipy.ndimage Gaussian derivatives (spectrakit's DerivativeKernel::sampled reproduces these).
for mode in ("reflect", "mirror", "nearest", "wrap", "constant"):
    kw = dict(sigma=1.5, mode=mode, cval=0.0, truncate=4.0)
    save(f"ndimage_{mode}_xx.txt", ndi.gaussian_filter(image, order=(0, 2), **kw))
    save(f"ndimage_{mode}_xy.txt", ndi.gaussian_filter(image, order=(1, 1), **kw))
    save(f"ndimage_{mode}_yy.txt", ndi.gaussian_filter(image, order=(2, 0), **kw))
# 2) scikit-image 0.19.3 hessian_matrix: Gaussian smoothing, then np.gradient twice.
Hrr, Hrc, Hcc = hessian_matrix(image, sigma=2.0, mode="reflect", order="rc")
save("skimage_hessian_rr.txt", Hrr)
save("skimage_hessian_rc.txt", Hrc)
save("skimage_hessian_cc.txt", Hcc)
# 3) scikit-image 0.19.3 frangi (sigma^2-normalized Hessian, gamma = c = 15, dark ridges).
save("skimage_frangi.txt", frangi(image, sigmas=[1.0, 2.0], beta=0.5, gamma=15, black_ridges=True, mode="reflect"))


# 4) Frangi's formula on scipy.ndimage Gaussian derivatives (what spectrakit computes with
#    DerivativeKernel::sampled): sigma^2-normalized Hessian, eigenvalues sorted by magnitude,
#    V = exp(-(l1/l2)^2 / (2 beta^2)) (1 - exp(-S^2 / (2 c^2))) where l2 has the ridge's sign,
#    c = max S / 2 per scale when c = 0; maximum over the scales.
def frangi_ndimage(image, sigmas, beta, c, black_ridges, mode="reflect"):
    out = np.zeros_like(image)
    for s in sigmas:
        kw = dict(sigma=s, mode=mode, truncate=4.0)
        xx = s * s * ndi.gaussian_filter(image, order=(0, 2), **kw)
        xy = s * s * ndi.gaussian_filter(image, order=(1, 1), **kw)
        yy = s * s * ndi.gaussian_filter(image, order=(2, 0), **kw)
        H = np.stack([np.stack([xx, xy], -1), np.stack([xy, yy], -1)], -1)
        ev = np.linalg.eigvalsh(H)
        ev = np.take_along_axis(ev, np.argsort(np.abs(ev), -1), -1)
        l1, l2 = ev[..., 0], ev[..., 1]
        S2 = l1 ** 2 + l2 ** 2
        cs = c if c > 0 else np.sqrt(S2.max()) / 2
        right_sign = l2 > 0 if black_ridges else l2 < 0
        with np.errstate(divide="ignore", invalid="ignore"):
            v = np.exp(-((l1 / l2) ** 2) / (2 * beta ** 2)) * (-np.expm1(-S2 / (2 * cs ** 2)))
        out = np.maximum(out, np.where(right_sign, v, 0.0))
    return out


save("frangi_ndimage_auto_c.txt", frangi_ndimage(image, [1.0, 2.0, 3.0], 0.5, 0.0, True))
save("frangi_ndimage_bright_c005.txt", frangi_ndimage(image, [1.5], 0.7, 0.05, False))
print("scipy", scipy.__version__, "skimage", skimage.__version__)
