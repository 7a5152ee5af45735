"""Draw the application's icons: a white heart on the brand green.

Writes static/img/apple-touch-icon.png (180 px) and icon-192.png / icon-512.png
for the web manifest; static/img/icon.svg is the same drawing by hand. Run
``.venv/bin/python tools/make_icons.py`` after changing the drawing.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = (11, 107, 87)  # --brand in static/css/app.css
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "img"
SIZES = {"apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}


def heart(draw: ImageDraw.ImageDraw, size: int) -> None:
    """Two circles and a triangle in the 100-unit grid of icon.svg."""

    def u(value: float) -> float:
        return value * size / 100

    radius = 14
    for cx in (36, 64):
        draw.ellipse(
            (u(cx - radius), u(40 - radius), u(cx + radius), u(40 + radius)), fill=WHITE
        )
    draw.polygon(
        [(u(23.2), u(46)), (u(76.8), u(46)), (u(50), u(76)), (u(50), u(76))],
        fill=WHITE,
    )
    draw.rectangle((u(36), u(30), u(64), u(50)), fill=WHITE)


def icon(size: int) -> Image.Image:
    """Drawn four times larger, then reduced: smooth edges without antialiasing."""
    big = size * 4
    image = Image.new("RGB", (big, big), BRAND)
    heart(ImageDraw.Draw(image), big)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size in SIZES.items():
        icon(size).save(OUT / name, optimize=True)


if __name__ == "__main__":
    main()
