"""The QR mask choice of ``qrcode``, computed on NumPy arrays.

A QR encoder tries the eight mask patterns and keeps the one whose symbol has
the lowest penalty (ISO/IEC 18004 §7.8.3: runs, 2×2 blocks, finder-like
patterns, dark share). ``qrcode`` does this with eight full symbol builds and
eight pure-Python penalty scans, about 2.5 ms of a receipt's 4 ms QR code.
Here the data is placed once; the eight masked symbols are XORs over the
data modules, scored together in one pass of array operations, and the final
symbol is the chosen one of them with its format information (no second
placement of the data). The chosen mask, and so the symbol, is exactly
``qrcode``'s (``tests/test_qr.py`` compares them on random data).
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


def _run_penalties(np, lines) -> object:
    """Rule 1 for each symbol of ``lines`` (symbols × lines × modules): each
    run of 5 or more same-colour modules scores its length minus 2."""
    count, rows, size = lines.shape
    # A separator value after each line keeps runs from joining across lines.
    flat = np.concatenate(
        [lines.astype(np.int8), np.full((count, rows, 1), 2, np.int8)], axis=2
    ).ravel()
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    lengths = np.diff(np.r_[starts, flat.size])
    scored = (flat[starts] != 2) & (lengths >= 5)
    symbol = starts[scored] // (rows * (size + 1))
    return np.bincount(symbol, weights=lengths[scored] - 2, minlength=count)


def _finder_counts(np, lines) -> object:
    """Rule 3 for each symbol of ``lines``: windows along a line that read
    10111010000 or its mirror."""
    from numpy.lib.stride_tricks import sliding_window_view

    pattern = np.array(FINDER_LIKE, dtype=bool)
    windows = sliding_window_view(lines, len(FINDER_LIKE), axis=2)
    found = (windows == pattern).all(-1) | (windows == pattern[::-1]).all(-1)
    return found.sum(axis=(1, 2))


def lost_points(np, symbols) -> list[int]:
    """``qrcode.util.lost_point`` of each boolean symbol in ``symbols``
    (symbols × size × size), all eight masks in one pass of array operations."""
    size = symbols.shape[1]
    # Rows and columns as lines, for the rules that read along a line.
    lines = np.concatenate([symbols, symbols.transpose(0, 2, 1)], axis=1)
    points = _run_penalties(np, lines)
    block = symbols[:, :-1, :-1]
    same = (
        (block == symbols[:, 1:, :-1])
        & (block == symbols[:, :-1, 1:])
        & (block == symbols[:, 1:, 1:])
    )
    points = points + 3 * same.sum(axis=(1, 2))
    points = points + 40 * _finder_counts(np, lines)
    percent = symbols.sum(axis=(1, 2)) / (size**2)
    # As qrcode does it: int() of the float, in Python, for the same rounding.
    return [
        int(p) + int(abs(dark * 100 - 50) / 5) * 10
        for p, dark in zip(points.tolist(), percent.tolist(), strict=True)
    ]


class FastMaskQRCode(qrcode.QRCode):
    """``qrcode.QRCode`` with the same mask choice, made on arrays."""

    def best_mask_pattern(self) -> int:
        import numpy as np

        self._place_unmasked_test_symbol()
        data = np.array([[cell is None for cell in row] for row in self.modules])
        self.map_data(self.data_cache, 0)
        first = np.array(self.modules, dtype=bool)
        masks = np.stack(_masks(self.modules_count))
        plain = first ^ (masks[0] & data)
        points = lost_points(np, plain ^ (masks & data))
        self._unmasked = (plain, data)
        # The first of the lowest, as qrcode's loop keeps it.
        return points.index(min(points))

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
