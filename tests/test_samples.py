"""The repository's own workspace builds both sample summaries, from data, with shared templates.

Every report is built through the real pipeline (``run_build`` → DOCX) into a temporary folder and
read back with python-docx; the samples (``tests/data/samples``, copies of ``../shared/samples``)
are the expected text. What our output adds to the samples, and nothing else:

- the title (the samples as published start with the opening paragraph; the county's long title
  is written on two lines), and
- the signature block (organisation and 成文日期, GB/T 9704 7.3.5), which the samples lack.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from workspaces import copy_repository

from summarygen.build import run_build, run_check
from summarygen.cli.commands import cli
from summarygen.errors import Severity
from summarygen.workspace.config import load_workspace

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "samples"
TWO_LEVELS = ROOT / "examples" / "two-levels"
PERIOD = "2024-H1"
DATE = "2024年7月5日"  # periods.2024-H1.date in summarygen.yaml

SAMPLE_REPORTS = {
    # variant: (sample file, organisation, title lines we add)
    "zixing": ("city-zixing-2024h1.txt", "资兴市民政局", ("资兴市民政局2024年上半年工作总结",)),
    # the long title is broken after the organisation (report.yaml: title_break)
    "huoshan": ("county-huoshan-2024h1.txt", "霍山县民政局",
                ("霍山县民政局", "2024年上半年工作总结及下半年工作安排")),
}

TITLE_STYLE = "Summary Title"  # the DOCX writer's paragraph style for the title lines

NUMBER = re.compile(r"\d+(?:\.\d+)?")

MISSING_NUMBERS_ALLOWED: dict[str, Counter[str]] = {
    # Figures of a sample that may be missing from our output, with the reason. None: every
    # number of both samples comes out with the same digits, as often as the sample has it.
    "zixing": Counter(),
    "huoshan": Counter(),
}

LEVEL_ONE = re.compile(r"^[一二三四五六七八九十]+、")
RUN_IN = re.compile(r"^（[一二三四五六七八九十]+）[^。]*。")


pytestmark = pytest.mark.usefixtures("chinese")


# --- building and reading back ----------------------------------------------------------------


def read_docx(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every non-empty paragraph of the document body."""
    document = docx.Document(str(path))
    return [(p.style.name if p.style is not None else "", p.text)
            for p in document.paragraphs if p.text.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str]]]:
    """Both sample reports, built once as DOCX and read back."""
    out = tmp_path_factory.mktemp("samples")
    result = run_build(ROOT, tuple(SAMPLE_REPORTS), out=out, formats=("docx",))
    assert sorted(p.name for p in result.written) == ["huoshan.docx", "zixing.docx"]
    return {variant: read_docx(out / PERIOD / f"{variant}.docx") for variant in SAMPLE_REPORTS}


def sample_lines(variant: str) -> list[str]:
    text = (SAMPLES / SAMPLE_REPORTS[variant][0]).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def body(paragraphs: list[tuple[str, str]], variant: str) -> list[tuple[str, str]]:
    """The paragraphs between the title and the signature block (both checked here)."""
    _sample, organisation, title = SAMPLE_REPORTS[variant]
    assert paragraphs[:len(title)] == [(TITLE_STYLE, line) for line in title]
    assert [text for _style, text in paragraphs[-2:]] == [organisation, DATE]
    return paragraphs[len(title):-2]


def readable_diff(expected: list[str], actual: list[str]) -> str:
    """A unified diff by paragraph, and for each changed paragraph where inside it they differ."""
    out = list(difflib.unified_diff(expected, actual, "sample", "built", lineterm="", n=0))
    matcher = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "replace":
            for old, new in zip(expected[a0:a1], actual[b0:b1], strict=False):
                at = len(_common_prefix(old, new))
                out.append(f"paragraph differs at character {at}:\n"
                           f"  sample: …{old[max(0, at - 20):at + 40]}\n"
                           f"  built:  …{new[max(0, at - 20):at + 40]}")
    return "\n".join(out)


def _common_prefix(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return a[:i]
    return a[:min(len(a), len(b))]


# --- the samples, from data -------------------------------------------------------------------


@pytest.mark.parametrize("variant", SAMPLE_REPORTS)
def test_every_number_of_the_sample_comes_out_unchanged(
        built: dict[str, list[tuple[str, str]]], variant: str) -> None:
    sample = Counter(NUMBER.findall("\n".join(sample_lines(variant))))
    output = Counter(NUMBER.findall("\n".join(text for _style, text in built[variant])))
    missing = sample - output - MISSING_NUMBERS_ALLOWED[variant]
    matched = sum(sample.values()) - sum((sample - output).values())
    print(f"{variant}: {matched} of {sum(sample.values())} numbers of the sample "
          f"({len(sample)} distinct) found in the DOCX")
    assert not missing, f"numbers of the sample missing from the built report: {dict(missing)}"


@pytest.mark.parametrize("variant", SAMPLE_REPORTS)
def test_the_whole_text_is_the_samples(built: dict[str, list[tuple[str, str]]],
                                       variant: str) -> None:
    expected = sample_lines(variant)
    actual = [text for _style, text in body(built[variant], variant)]
    assert actual == expected, "\n" + readable_diff(expected, actual)


@pytest.mark.parametrize("variant", SAMPLE_REPORTS)
def test_sections_in_the_samples_order_and_levels(built: dict[str, list[tuple[str, str]]],
                                                  variant: str) -> None:
    lines = sample_lines(variant)
    paragraphs = body(built[variant], variant)
    level_one = [line for line in lines if LEVEL_ONE.match(line)]
    run_in = [m[0] for line in lines if (m := RUN_IN.match(line))]
    assert len(level_one) >= 2 and len(run_in) >= 5  # the regexes found the sample's headings

    assert [text for style, text in paragraphs if style == "Heading 1"] == level_one
    heading_two = [text for style, text in paragraphs if style == "Heading 2"]
    assert [text[:len(head)] for text, head in zip(heading_two, run_in, strict=False)] == run_in
    assert len(heading_two) == len(run_in)
    for text, head in zip(heading_two, run_in, strict=True):
        assert len(text) > len(head), f"{head} is not run-in: no body in the same paragraph"
    # Headings come in the sample's order relative to each other and to the body paragraphs.
    sequence = [(style, text) for style, text in paragraphs if style in ("Heading 1", "Heading 2")]
    sample_sequence = [("Heading 1" if LEVEL_ONE.match(line) else "Heading 2", line)
                       for line in lines if LEVEL_ONE.match(line) or RUN_IN.match(line)]
    assert sequence == sample_sequence


def test_check_reports_exactly_the_county_extremely_poor_inconsistency() -> None:
    problems = run_check(ROOT)
    assert [p.format(ROOT) for p in problems.errors] == []
    [warning] = problems.warnings
    assert warning.severity is Severity.WARNING  # reported; the build still succeeds
    dataset = ROOT / "datasets" / PERIOD / "huoshan" / "social_assistance.yaml"
    assert warning.path is not None and warning.path.resolve() == dataset.resolve()
    lines = dataset.read_text(encoding="utf-8").splitlines()
    assert lines[warning.line - 1].strip() == "people: 2651人"  # under extremely_poor:
    assert lines[warning.line - 2].startswith("extremely_poor:")
    assert "2651人" in warning.message and "3258人" in warning.message
    shown = warning.format(ROOT)
    assert shown.startswith(f"datasets/{PERIOD}/huoshan/social_assistance.yaml:{warning.line}: ")
    assert run_check(ROOT, ("zixing",)).warnings == []


@pytest.mark.parametrize(("variant", "area", "old", "new", "key"), [
    ("huoshan", "social_assistance", "total: 3828.54万元", "total: 3828.55万元", "funds.total"),
    ("huoshan", "elderly", "people: 9454人", "people: 9455人", "old_age_allowance.people"),
    ("huoshan", "social_affairs", "total: 1339件", "total: 1338件", "marriage.total"),
    ("huoshan", "social_assistance", "covered: 504人", "covered: 503人", "unlifted_poor.covered"),
    ("zixing", "poverty", "people: 1263人", "people: 1264人", "extremely_poor.people"),
    ("zixing", "social_affairs", "total: 129项", "total: 130项", "service_items.total"),
])
def test_the_other_sums_are_checked_and_hold(tmp_path: Path, variant: str, area: str, old: str,
                                             new: str, key: str) -> None:
    """The rules that pass on the samples are live: changing one figure makes them warn."""
    root = copy_repository(tmp_path / "ws")
    path = root / "datasets" / PERIOD / variant / f"{area}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    problems = run_check(root, (variant,))
    assert problems.errors == []
    keys = {p.key for p in problems.warnings if p.path is not None and p.path.name == path.name}
    assert key in keys


# --- templates hold no figures ----------------------------------------------------------------

ALLOWED_DIGITS = [
    # Structural digits a template may contain, and why.
    re.compile(r"\.md\.j2\b"),  # template file names (include/import, comments)
    re.compile(r"\|\s*(?:num|money|wan|yi|yuan|pct|growth|pp|yoy|change)\(\s*\d+\s*\)"),  # places
    re.compile(r"\bplaces\s*=\s*\d+"),  # rounding, as a keyword argument
]
DIGIT = re.compile(r"[0-9０-９]")


def test_no_template_contains_a_figure() -> None:
    files = sorted(p for p in (ROOT / "templates").rglob("*") if p.is_file())
    assert any(p.suffix == ".j2" for p in files) and any(p.suffix == ".yaml" for p in files)
    found = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line
            for pattern in ALLOWED_DIGITS:
                stripped = pattern.sub("", stripped)
            if DIGIT.search(stripped):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "digits in templates:\n" + "\n".join(found)


def test_one_set_of_templates_serves_both_variants() -> None:
    """Neither sample variant has template overrides: both reports come from templates/ alone.

    (The demonstration variant huoshan-yoy overrides one area template to add a 同比 paragraph;
    it is not a sample.)
    """
    config = load_workspace(ROOT)
    for variant in SAMPLE_REPORTS:
        assert config.variants[variant].templates is None
    assert config.templates == ROOT / "templates"
    templates = {p.relative_to(ROOT / "templates").as_posix()
                 for p in (ROOT / "templates").rglob("*.j2")}
    assert templates == {"report.md.j2", "macros.md.j2"} | {
        f"areas/{area}.md.j2" for area in (
            "epidemic", "poverty", "social_assistance", "elderly", "children", "grassroots",
            "social_affairs", "charity", "problems", "next_steps")}


# --- the command line -------------------------------------------------------------------------


def test_cli_builds_both_samples(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "-C", str(ROOT), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = [tmp_path / PERIOD / "zixing.docx", tmp_path / PERIOD / "huoshan.docx"]
    for path in written:
        assert path.is_file()
        assert f"已生成：{path}" in result.stdout
    # The county's data inconsistency is shown as a warning; it does not stop the build.
    assert "2651人" in result.stderr and "3258人" in result.stderr
    assert "Traceback" not in result.output


def test_cli_check_passes_with_one_warning() -> None:
    result = CliRunner().invoke(cli, ["check", "-C", str(ROOT)])
    assert result.exit_code == 0
    assert "检查通过：1 个警告。" in result.stdout
    assert result.stderr.count("警告") == 1
    strict = CliRunner().invoke(cli, ["check", "-C", str(ROOT), "--strict"])
    assert strict.exit_code == 1


# --- the same data at two levels --------------------------------------------------------------


def test_two_levels_uses_the_repository_pack() -> None:
    config = (TWO_LEVELS / "summarygen.yaml").read_text(encoding="utf-8")
    assert "\ntemplates: ../../templates\n" in config
    assert not (TWO_LEVELS / "templates").exists()  # shared, not copied
    assert sorted(p.name for p in (TWO_LEVELS / "datasets" / PERIOD).iterdir() if p.is_dir()) == []
    problems = run_check(TWO_LEVELS)
    assert list(problems) == []


@pytest.fixture(scope="module")
def two_levels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("two-levels")
    result = run_build(TWO_LEVELS, out=out, formats=("docx",))
    assert sorted(p.name for p in result.written) == ["city.docx", "county.docx"]
    return {v: [text for _style, text in read_docx(out / PERIOD / f"{v}.docx")]
            for v in ("county", "city")}


def test_two_levels_use_their_own_level_words(two_levels: dict[str, list[str]]) -> None:
    county, city = "\n".join(two_levels["county"]), "\n".join(two_levels["city"])
    assert two_levels["county"][0] == "XX县民政局2024年上半年工作总结"
    assert two_levels["city"][0] == "资兴市民政局2024年上半年工作总结"
    for words, other in (("全县", "全市"), ("县委、县政府", "市委市政府")):
        assert words in county and other not in county
        assert other in city and words not in city
    assert "在县委、县政府和XX市民政局的领导下" in county
    assert "在市委市政府和XX市民政局的领导下" in city


def test_two_levels_differ_only_in_level_words(two_levels: dict[str, list[str]]) -> None:
    county, city = two_levels["county"], two_levels["city"]
    assert Counter(NUMBER.findall("".join(county))) == Counter(NUMBER.findall("".join(city)))
    assert county[-2:] == ["XX县民政局", DATE] and city[-2:] == ["资兴市民政局", DATE]
    as_city = [text.replace("全县", "全市").replace("县委、县政府", "市委市政府")
               for text in county[1:-2]]
    assert as_city == city[1:-2], "\n" + readable_diff(city[1:-2], as_city)
    assert len(county) > 8  # opening, two parts, three areas, problems

