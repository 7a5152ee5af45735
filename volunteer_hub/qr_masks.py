"""The QR mask choice of ``qrcode``, computed on NumPy arrays.

A QR encoder tries the eight mask patterns and keeps the one whose symbol has
the lowest penalty (ISO/IEC 18004 §7.8.3: runs, 2×2 blocks, finder-like
patterns, dark share). ``qrcode`` does this with eight full symbol builds and
eight pure-Python penalty scans, about 2.5 ms of a receipt's 4 ms QR code.
Here the data is placed once; each mask is an XOR over the data modules and
each penalty a few array operations. The chosen mask, and so the symbol, is
exactly ``qrcode``'s (``tests/test_qr.py`` compares them on random data).
NumPy is imported when the first code is made, not with this module.
"""

from __future__ import annotations

import functools

import qrcode
from qrcode import util
from qrcode.main import copy_2d_array, precomputed_qr_blanks

# 1:1:3:1:1 dark-light pattern with four light modules after or before it.
FINDER_LIKE = (1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0)


@functools.cache
def _masks(size: int) -> tuple:
    """Where each mask pattern flips a module of a ``size``-wide symbol
    (``util.mask_func`` on arrays), made once per size."""
    import numpy as np

    rows, cols = np.indices((size, size))
    product = rows * cols
    return (
        (rows + cols) % 2 == 0,
        rows % 2 == 0,
        cols % 3 == 0,
        (rows + cols) % 3 == 0,
        (rows // 2 + cols // 3) % 2 == 0,
        product % 2 + product % 3 == 0,
        (product % 2 + product % 3) % 2 == 0,
        (product % 3 + (rows + cols) % 2) % 2 == 0,
    )


def _run_penalty(np, modules) -> int:
    """Rule 1 along rows: each run of 5 or more same-colour modules scores
    its length minus 2."""
    size = modules.shape[0]
    # A separator value after each row keeps runs from joining across rows.
    flat = np.hstack([modules.astype(np.int8), np.full((size, 1), 2, np.int8)])
    flat = flat.ravel()
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    lengths = np.diff(np.r_[starts, flat.size])[flat[starts] != 2]
    return int((lengths[lengths >= 5] - 2).sum())


def _finder_count(np, modules) -> int:
    """Rule 3 along rows: windows that read 10111010000 or its mirror."""
    from numpy.lib.stride_tricks import sliding_window_view

    pattern = np.array(FINDER_LIKE, dtype=bool)
    windows = sliding_window_view(modules, len(FINDER_LIKE), axis=1)
    found = (windows == pattern).all(-1) | (windows == pattern[::-1]).all(-1)
    return int(found.sum())


def lost_point(np, modules) -> int:
    """``qrcode.util.lost_point`` of a boolean module array."""
    size = modules.shape[0]
    points = _run_penalty(np, modules) + _run_penalty(np, modules.T)
    block = modules[:-1, :-1]
    same = (
        (block == modules[1:, :-1])
        & (block == modules[:-1, 1:])
        & (block == modules[1:, 1:])
    )
    points += 3 * int(same.sum())
    points += 40 * (_finder_count(np, modules) + _finder_count(np, modules.T))
    percent = float(modules.sum()) / (size**2)
    return points + int(abs(percent * 100 - 50) / 5) * 10


class FastMaskQRCode(qrcode.QRCode):
    """``qrcode.QRCode`` with the same mask choice, made on arrays."""

    def best_mask_pattern(self) -> int:
        import numpy as np

        self._place_unmasked_test_symbol()
        data = np.array([[cell is None for cell in row] for row in self.modules])
        self.map_data(self.data_cache, 0)
        first = np.array(self.modules, dtype=bool)
        masks = _masks(self.modules_count)
        plain = first ^ (masks[0] & data)
        best, best_points = 0, None
        for pattern, mask in enumerate(masks):
            symbol = plain ^ (mask & data)
            points = lost_point(np, symbol)
            if best_points is None or points < best_points:
                best, best_points = pattern, points
        self._unmasked = (plain, data)
        return best

    def makeImpl(self, test, mask_pattern):  # noqa: N802 (qrcode's name)
        """The final symbol from the arrays the mask choice left: the data
        masked with the chosen pattern, then format (and version) information
        for it, instead of laying every data bit down again."""
        unmasked = getattr(self, "_unmasked", None)
        if test or unmasked is None:
            return super().makeImpl(test, mask_pattern)
        plain, data = unmasked
        self._unmasked = None
        mask = _masks(self.modules_count)[mask_pattern]
        self.modules = (plain ^ (mask & data)).tolist()
        self.setup_type_info(False, mask_pattern)
        if self.version >= 7:
            self.setup_type_number(False)

    def _place_unmasked_test_symbol(self) -> None:
        """What ``makeImpl(True, …)`` lays down before the data: function
        patterns and empty format (and version) information."""
        self.modules_count = self.version * 4 + 17
        if self.version not in precomputed_qr_blanks:
            self.makeImpl(True, 0)
        self.modules = copy_2d_array(precomputed_qr_blanks[self.version])
        self.setup_type_info(True, 0)
        if self.version >= 7:
            self.setup_type_number(True)
        if self.data_cache is None:
            self.data_cache = util.create_data(
                self.version, self.error_correction, self.data_list
            )
