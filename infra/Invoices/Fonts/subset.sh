#!/usr/bin/env bash
# Regenerates the subset fonts shipped in this folder (run once when fonts change; the output is committed).
# Needs Debian's fonts-dejavu-core, fonts-noto-cjk and python3-fonttools:
#   apt-get install -y fonts-dejavu-core fonts-noto-cjk python3-fonttools
set -euo pipefail
cd "$(dirname "$0")"
py=/usr/bin/python3   # Debian's python, which has fontTools

# Latin-1 and Latin Extended-A (the names of the six languages' countries), general punctuation and
# currency signs. One weight: headings are emboldened by the renderer, which halves what a PDF embeds.
# No layout tables: Skia's PDF backend draws glyphs without shaping.
latin="U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-203A,U+20A0-20C0,U+2122,U+2212,U+FFFD"
"$py" -m fontTools.subset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
  --unicodes="$latin" --layout-features='' --no-hinting --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM \
  --output-file=DejaVuSans.subset.ttf

# Traditional Chinese fallback: the 5,401 common characters of Big5 level 1, CJK punctuation,
# full-width forms, and every character our zh-TW strings use.
"$py" - <<'PY' > cjk-text.txt
chars = set()
for lead in range(0xA4, 0xC7):
    for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
        try:
            chars.add(bytes([lead, trail]).decode("big5"))
        except UnicodeDecodeError:
            pass
import glob
for path in glob.glob("../*.cs") + glob.glob("../../Email/*.cs"):
    chars.update(c for c in open(path, encoding="utf-8").read() if ord(c) > 0x2E80)
print("".join(sorted(chars)))
PY
"$py" -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=3 \
  --text-file=cjk-text.txt --unicodes="U+3000-303F,U+FF00-FFEF" --layout-features='' --no-hinting --drop-tables+=GSUB,GPOS,GDEF \
  --output-file=NotoSansTC.subset.otf
rm cjk-text.txt
ls -l ./*.ttf ./*.otf
