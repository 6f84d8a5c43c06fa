"""Thai letters travel as one ASCII byte each in map text; the map script unpacks them.

The packer is Python (geo.payload), the unpacker JavaScript (geo.maps): the round trip
is checked by running the real unpacker in Node.js (installed with npm, which the
set-up needs for Leaflet) on texts hypothesis makes up.
"""

from __future__ import annotations

import json
import shutil
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.maps import UNPACK_THAI_JS
from geo.payload import (
    LINE_SEPARATOR,
    THAI_AS_ASCII,
    THAI_LETTERS,
    THAI_SHIFT,
    pack_thai_html,
)

NODE = shutil.which("node")
SAMPLES = ["ทั้งจังหวัดพระนครศรีอยุธยา: 1 โครงการ", "A Hi", "ไม่มีข้อมูล", "",
           "a~b &amp; ก", "~", "{ก}", "}}", "ก ข  ค", " ก ", "ฯ๛ฃ", THAI_LETTERS,
           "ตำบลหนองแคน (2 แห่ง)",
           "&lt;img src=x onerror=alert(1)&gt; ก", "100 %", "๑๒๓ 123"]


def unpack_in_node(texts: list[str]) -> list[str]:
    assert NODE, "node not found: scripts/setup installs Node.js with npm"
    script = (f"const unpack = ({UNPACK_THAI_JS})({json.dumps(THAI_AS_ASCII)}, "
              f"{json.dumps(THAI_SHIFT)});\n"
              "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              "process.stdout.write(JSON.stringify(texts.map(unpack)));")
    result = subprocess.run([NODE, "-e", script], input=json.dumps(texts), text=True,
                            capture_output=True, check=True)
    return json.loads(result.stdout)


def html_of(text: str) -> str:
    """What the browser shows for `text` used as HTML (the entities for "~", "}" included)."""
    return text.replace("&#126;", "~").replace("&#125;", "}")


def test_packed_text_is_ascii_without_characters_json_or_html_would_escape():
    assert set(THAI_AS_ASCII).isdisjoint('"\\<>&' + THAI_SHIFT)
    assert len(set(THAI_AS_ASCII)) == len(THAI_LETTERS) == 87
    for text in SAMPLES:
        assert pack_thai_html(text).isascii() and LINE_SEPARATOR not in pack_thai_html(text)
    # six bytes a letter in ASCII JSON before; one after, plus the opening shift and quotes
    assert len(json.dumps(pack_thai_html("ไม่มีข้อมูล"))) == len("ไม่มีข้อมูล") + 3


def test_node_unpacks_what_python_packed():
    packed = [pack_thai_html(text) for text in SAMPLES]
    assert [html_of(text) for text in unpack_in_node(packed)] == [html_of(t) for t in SAMPLES]


thai_html = st.lists(st.sampled_from([*THAI_LETTERS, " ", "~", "}", "a", "Z", "1", ":", "&amp;",
                                       "é", "\u0e3b"]), max_size=40).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(thai_html, min_size=1, max_size=20))
def test_round_trip_for_made_up_texts(texts):
    assert [html_of(text) for text in unpack_in_node([pack_thai_html(t) for t in texts])] \
        == texts
