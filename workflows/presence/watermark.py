"""A field photo's watermark: time, site and position drawn with Pillow.

The font is found once per process: ``PRESENCE_WATERMARK_FONT`` if set, else
the font fontconfig picks for simplified Chinese (``fc-match``; Debian's
fonts-noto-cjk gives Noto Sans CJK SC). Without one (no fontconfig, no CJK
font) Pillow's own font draws the lines with their Chinese left out, so the
time, site code and coordinates are still stamped.
"""

import io
import os
import subprocess
from functools import lru_cache

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # larger images are kept unstamped (decompression bombs)


@lru_cache(maxsize=1)
def cjk_font_file() -> tuple[str, int] | None:
    """``(path, index in a collection)`` of a font with Chinese glyphs, or None."""
    configured = getattr(settings, "PRESENCE_WATERMARK_FONT", "")
    if configured and os.path.isfile(configured):
        return configured, 0
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{index}\t%{lang}", "sans-serif:lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, rest = found.partition("\t")
    index, _, langs = rest.partition("\t")
    if "zh-cn" not in langs.split("|") or not os.path.isfile(path):
        return None
    return path, int(index or 0)


def _font(size: int):
    found = cjk_font_file()
    if found is not None:
        try:
            return ImageFont.truetype(found[0], size=size, index=found[1]), True
        except OSError:
            pass
    return ImageFont.load_default(size=size), False


def stamp_lines(*, presence) -> list[str]:
    site = presence.site
    at = timezone.localtime(presence.at).strftime("%Y-%m-%d %H:%M:%S %Z")
    lines = [at, f"{site.code} {site.name_zh}"]
    if presence.located:
        place = f"{presence.latitude:.6f}, {presence.longitude:.6f}"
        if presence.distance_m is not None:
            place += f" ({presence.distance_m} m)"
        lines.append(place)
    else:
        lines.append("位置未知 / location unknown")
    return lines


def _ascii(line: str) -> str:
    return "".join(ch for ch in line if ord(ch) < 128).strip()


def stamped_copy(*, upload, lines: list[str]) -> ContentFile | None:
    """A JPEG or PNG copy of ``upload`` with ``lines`` in its lower left corner."""
    try:
        upload.seek(0)
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            return None
        image = ImageOps.exif_transpose(image)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    fmt = "PNG" if (image.format or "").upper() == "PNG" else "JPEG"
    image = image.convert("RGBA")
    size = max(14, min(image.width, image.height) // 28)
    font, cjk = _font(size)
    if not cjk:
        lines = [_ascii(line) for line in lines]
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    gap, margin = size // 3, size // 2
    heights = [draw.textbbox((0, 0), line, font=font)[3] for line in lines]
    width = max(draw.textbbox((0, 0), line, font=font)[2] for line in lines)
    top = image.height - margin - sum(heights) - gap * (len(lines) - 1)
    draw.rectangle(
        (0, top - margin, min(image.width, width + 2 * margin), image.height),
        fill=(0, 0, 0, 120),
    )
    y = top
    for line, height in zip(lines, heights, strict=True):
        draw.text((margin, y), line, font=font, fill=(255, 255, 255, 235))
        y += height + gap
    result = Image.alpha_composite(image, overlay)
    out = io.BytesIO()
    if fmt == "JPEG":
        result.convert("RGB").save(out, "JPEG", quality=88)
    else:
        result.save(out, "PNG")
    stem = os.path.splitext(os.path.basename(upload.name))[0]
    extension = "png" if fmt == "PNG" else "jpg"
    return ContentFile(out.getvalue(), name=f"{stem}-stamped.{extension}")
