"""``verify`` on DOCX files made to harm: absurd numbers, zip bombs, endless parts, deep nesting.

Each file gets its findings (or one ``file.read`` finding naming the limit it breaks), never a
traceback, and a bad file never keeps the files after it from being checked.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx_edit import alter, w
from handmade import handmade_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from workspaces import run

from summarygen.ooxml import LimitExceeded, read_docx
from summarygen.ooxml import limits as docx_limits
from summarygen.verify import Finding, verify_files

pytestmark = pytest.mark.usefixtures("chinese")

HOSTILE_NUMBERS = ["1e400", "9" * 5000, "-" + "9" * 5000, "NaN", "nan", "inf", "-inf", "-1",
                   "-99999999999999", "", " ", "1.5", "0x10", "²", "٣", "1e3", "+", "-"]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return handmade_docx(tmp_path_factory.mktemp("hostile") / "good.docx")


def findings(path: Path) -> list[Finding]:
    return verify_files([path]).findings[path]


def rewrite(source: Path, target: Path, parts: dict[str, bytes],
            compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """``source`` with ``parts`` replaced or added."""
    with zipfile.ZipFile(source) as zin:
        contents = {name: zin.read(name) for name in zin.namelist()}
    contents.update(parts)
    with zipfile.ZipFile(target, "w", compression) as zout:
        for name, data in contents.items():
            zout.writestr(name, data)
    return target


def read_error(path: Path) -> str:
    [finding] = findings(path)
    assert finding.rule == "file.read"
    return finding.message


@pytest.mark.parametrize("value", ["1e400", "9" * 5000, "NaN", "-99999", "inf"])
def test_absurd_page_numbers_are_findings(good: Path, tmp_path: Path, value: str) -> None:
    def paper(root: Any) -> None:
        for size in root.iter(w("pgSz")):
            size.set(w("w"), value)
        for size in root.iter(w("sz")):
            size.set(w("val"), value)
        for spacing in root.iter(w("spacing")):
            spacing.set(w("line"), value)

    broken = alter(good, tmp_path / "absurd.docx", "word/document.xml", paper)
    found = findings(broken)
    [page] = [f for f in found if f.rule == "page.size"]
    assert "A4" in page.message
    assert "未设置" in page.message or "-" in page.message


def test_absurd_numbers_in_styles_and_numbering(good: Path, tmp_path: Path) -> None:
    def styles(root: Any) -> None:
        for el in root.iter(w("sz"), w("ind"), w("outlineLvl")):
            for name in list(el.attrib):
                el.set(name, "9" * 5000)

    def numbering(root: Any) -> None:
        for el in root.iter(w("start"), w("lvl"), w("startOverride")):
            el.set(w("val"), "1e400")
            el.set(w("ilvl"), "NaN")

    step = alter(good, tmp_path / "s.docx", "word/styles.xml", styles)
    broken = alter(step, tmp_path / "n.docx", "word/numbering.xml", numbering)
    found = findings(broken)
    assert found and all(f.rule != "file.read" for f in found)
    assert any(f.rule == "font.size" for f in found)


def test_a_zip_bomb_is_refused_without_unpacking_it(good: Path, tmp_path: Path) -> None:
    bomb_xml = b'<?xml version="1.0"?><w:document xmlns:w="%s"><w:body>' % w("").strip(
        "{}").encode() + b" " * (40 * 2**20) + b"</w:body></w:document>"
    bomb = rewrite(good, tmp_path / "bomb.docx", {"word/document.xml": bomb_xml})
    assert bomb.stat().st_size < 500_000
    message = read_error(bomb)
    assert message.startswith(f"{bomb} 不予读取：")
    assert "word/document.xml 解压后超过 32 MB" in message


def test_a_part_compressed_like_a_bomb_is_refused(good: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_limits, "RATIO_FLOOR", 1000)
    styles = b"<x>" + b" " * 300_000 + b"</x>"
    bomb = rewrite(good, tmp_path / "ratio.docx", {"word/styles.xml": styles})
    assert "word/styles.xml 压缩了" in read_error(bomb)


def test_the_total_unpacked_size_is_bounded(good: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_limits, "MAX_TOTAL_BYTES", 200_000)
    assert "解压后总共超过" in read_error(good)


def test_too_many_parts(good: Path, tmp_path: Path) -> None:
    many = {f"word/media/p{i}.xml": b"" for i in range(docx_limits.MAX_PARTS + 1)}
    crowded = rewrite(good, tmp_path / "crowded.docx", many, zipfile.ZIP_STORED)
    assert f"含有 {docx_limits.MAX_PARTS + 20} 个部件" in read_error(crowded)


def test_too_many_tags(good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_limits, "MAX_TAGS", 5000)
    assert "word/styles.xml 有" in read_error(good)
    assert "个标记" in read_error(good)


def test_too_many_paragraphs_and_runs(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_limits, "MAX_PARAGRAPHS", 3)
    assert "段落超过 3 个" in read_error(good)
    monkeypatch.setattr(docx_limits, "MAX_PARAGRAPHS", 1000)
    monkeypatch.setattr(docx_limits, "MAX_RUNS", 5)
    assert "文字块（run）超过 5 个" in read_error(good)


def test_a_million_empty_paragraphs_are_refused_at_once(good: Path, tmp_path: Path) -> None:
    flood = b"<w:document xmlns:w='%s'><w:body>" % w("").strip("{}").encode()
    flood += b"<w:p/>" * 1_900_000 + b"</w:body></w:document>"
    broken = rewrite(good, tmp_path / "flood.docx", {"word/document.xml": flood})
    assert "不予读取" in read_error(broken)


def test_too_deep_nesting(good: Path, tmp_path: Path) -> None:
    deep = b"<w:body xmlns:w='%s'>" % w("").strip("{}").encode()
    deep += b"<w:sdt>" * 300 + b"</w:sdt>" * 300 + b"</w:body>"
    broken = rewrite(good, tmp_path / "deep.docx", {"word/document.xml": deep})
    assert "嵌套超过 256 层" in read_error(broken)


def test_entities_are_not_expanded_nor_files_read(good: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")

    with zipfile.ZipFile(good) as z:
        document = z.read("word/document.xml").decode("utf-8")
    head, _, rest = document.partition("?>")
    doctype = (f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">'
               '<!ENTITY lol "哈哈哈哈哈哈哈哈"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>')
    rest = rest.replace("今年来", "&x;&lol2;今年来", 1)
    broken = rewrite(good, tmp_path / "xxe.docx",
                     {"word/document.xml": (head + "?>" + doctype + rest).encode("utf-8")})
    text = "".join(p.text for p in read_docx(broken).paragraphs)
    assert "今年来" in text
    assert "机密" not in text and "哈哈" not in text


def test_one_bad_file_does_not_stop_the_batch(good: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # in no workspace: checked against GB/T 9704
    absurd = alter(good, tmp_path / "absurd.docx", "word/document.xml",
                   lambda r: [s.set(w("w"), "1e400") for s in r.iter(w("pgSz"))])
    bomb = rewrite(good, tmp_path / "bomb.docx",
                   {"word/document.xml": b"<a>" + b" " * (40 * 2**20) + b"</a>"})
    code, out, err = run("verify", str(bomb), str(absurd), str(good))
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{bomb}: 文件: 读取文件: 错误: {bomb} 不予读取" in out
    assert f"{absurd}: 页面设置: 纸张: 错误:" in out
    assert f"{good}: 通过" in out
    assert "3 个文件中有 2 个不符合格式" in err


def test_limit_errors_are_docx_read_errors(good: Path, tmp_path: Path) -> None:
    bomb = rewrite(good, tmp_path / "bomb.docx",
                   {"word/document.xml": b"<a>" + b" " * (40 * 2**20) + b"</a>"})
    with pytest.raises(LimitExceeded) as caught:
        read_docx(bomb)
    assert caught.value.exit_code == 1


# --- fuzzing ------------------------------------------------------------------------------------

PARTS = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
         "word/footer1.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"]


def good_parts(good: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(good) as z:
        return {name: z.read(name) for name in z.namelist()}


def _mutate_attributes(data: bytes, changes: list[tuple[int, int, str]]) -> bytes:
    root = etree.fromstring(data)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for which, attribute, value in changes:
        el = elements[which % len(elements)]
        names = list(el.attrib) or [w("val")]
        el.set(names[attribute % len(names)], value)
    return bytes(etree.tostring(root))


def _mutate_bytes(data: bytes, flips: list[tuple[int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, value in flips:
        at = position % max(1, len(out))
        out[at:at + 1] = value
    return bytes(out)


values = st.one_of(st.sampled_from(HOSTILE_NUMBERS),
                   st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
                   st.integers(-10**30, 10**30).map(str))


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(part=st.sampled_from(PARTS),
       attributes=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 20), values),
                           max_size=25),
       flips=st.lists(st.tuples(st.integers(0, 10**7),
                                st.sampled_from([b"<", b">", b"\"", b"&", b"\x00", b"", b"9" * 50,
                                                 b"<w:p>", b"</w:p>", b"\xff"])), max_size=3))
def test_mutated_parts_give_findings_never_tracebacks(good: Path, tmp_path: Path, part: str,
                                                      attributes: list[tuple[int, int, str]],
                                                      flips: list[tuple[int, bytes]]) -> None:
    contents = good_parts(good)
    contents[part] = _mutate_bytes(_mutate_attributes(contents[part], attributes), flips)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in contents.items():
            zout.writestr(name, data)
    target = tmp_path / "fuzzed.docx"
    target.write_bytes(buffer.getvalue())
    found = findings(target)  # raises nothing, whatever the mutation
    assert all(isinstance(f, Finding) and f.rule and f.message for f in found)
