"""How fast is ``perfeval pdf``, beside a bare ReportLab floor and LibreOffice printing an .xlsx.

Run:  .venv/bin/python benchmarks/bench_pdf.py [-n 20] [--install both] [--skip-libreoffice]

For each install (``--install``: the dev venv as is, a realistic wheel install in a
temp venv with .pyc files, or both; see _timing.py) measures, as whole processes
(wall time min / median, CPU time median):
  1. ``perfeval pdf`` on seed 1;
  2. the floor: a bare ReportLab script, run by the same interpreter, that registers
     the same font (uming.ttc, subfont 0) and draws one table with the seed's strings;
  3. a batch of 100 forms in one ``perfeval pdf --out-dir`` process (per-form cost);
  4. one 200-indicator form.
Then, once: the in-process render time (fonts already registered), and LibreOffice:
seed 1 laid out in an .xlsx template (written with openpyxl when it is installed)
and printed by ``soffice --headless --convert-to pdf``, warm profile. Skipped with a
note when soffice or openpyxl is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _timing import SEED, Install, Timings, add_install_arguments, installs, timed

FLOOR_SCRIPT = r'''
import sys
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

font, out = sys.argv[1], sys.argv[2]
pdfmetrics.registerFont(TTFont("UMingCN", font, subfontIndex=0))
rows = [
    ["项目名称", "重点企业服务", "", "", "", "", ""],
    ["主管部门", "上海市经济和信息化委员会", "", "实施单位",
     "上海市促进中小企业发展协调办公室", "", ""],
    ["项目资金（元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "650,000.00", "380,000.00", "250,000.00", "10", "65.79%", "6.58"],
    ["当年财政拨款", "650,000.00", "650,000.00", "250,000.00", "—", "—", "—"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "服务重点经营企业数", ">90", "155", "20", "20.00"],
    ["产出指标", "质量指标", "企业满意率", ">=90%", "88%", "20", "18.00"],
    ["效益指标", "经济效益指标", "中小企业营业收入总值提高情况", ">0.7%", "0.3%", "15", "11.00"],
    ["满意度指标", "服务对象满意度指标", "中小企业满意度", ">90%", "88%", "10", "9.00"],
    ["总分", "", "", "", "", "100", "85.58"],
]
table = Table(rows, style=TableStyle([("FONTNAME", (0, 0), (-1, -1), "UMingCN"),
                                      ("FONTSIZE", (0, 0), (-1, -1), 8),
                                      ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
SimpleDocTemplate(out, pagesize=A4, title="重点企业服务").build([table])
'''


def row(name: str, t: Timings, per: int = 1) -> tuple[str, ...]:
    return (name, f"{t.min / per:.3f}", f"{t.median / per:.3f}", f"{t.cpu_median / per:.3f}")


def big_form(count: int, folder: Path) -> Path:
    from perfeval_gui.fileio import load_form, save_form
    from perfeval_gui.model import Indicator

    form = load_form(SEED)
    note = "受疫情影响，部分活动延期举办，下一年度将加强计划管理。"
    groups = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"),
              ("满意度指标", "服务对象满意度指标")]
    form.indicators = [
        Indicator(level1=groups[i * 4 // count][0], level2=groups[i * 4 // count][1],
                  name=f"第{i + 1}号指标", target=">90%", actual="95%",
                  weight=Decimal("0.45"), score=Decimal("0.4"),
                  deviation="" if i % 5 else note)
        for i in range(count)
    ]
    path = folder / f"indicators{count}.json"
    save_form(form, path)
    return path


def write_xlsx(path: Path) -> bool:
    """Seed 1 laid out like the paper form in an .xlsx (merged cells, borders, wrap, A4)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, Side
    except ImportError:
        return False
    from perfeval_gui import numbers
    from perfeval_gui.figures import compute
    from perfeval_gui.fileio import load_form

    form = load_form(SEED)
    fig = compute(form)
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    widths = [7, 10, 11, 16, 10, 10, 6, 7, 18]
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = w
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    left = Alignment(wrap_text=True, vertical="center", horizontal="left")
    font = Font(name="AR PL UMing CN", size=9)

    def put(cell: str, value: str, merge: str | None = None, align: Alignment = wrap) -> None:
        ws[cell] = value
        if merge:
            ws.merge_cells(f"{cell}:{merge}")
        ws[cell].alignment = align

    ws["A1"] = "财政项目支出绩效自评表"
    ws.merge_cells("A1:I1")
    ws["A1"].font = Font(name="AR PL UMing CN", size=16)
    ws["A1"].alignment = wrap
    put("A2", f"({form.year} 年度)", "I2")
    put("A3", "项目名称", "B3")
    put("C3", form.project_name, "I3", left)
    put("A4", "主管部门", "B4")
    put("C4", form.competent_department, "E4", left)
    put("F4", "实施单位", "G4")
    put("H4", form.implementing_unit, "I4", left)
    put("A5", f"项目资金\n（{form.funding.unit}）", "A9")
    for col, text in zip("DEFGHI", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
                                   "得分"], strict=True):
        put(f"{col}5", text)
    places = numbers.amount_places(form)
    sources = [("年度资金总额", fig.total_row), ("其中：当年财政拨款",
               form.funding.current_year_appropriation),
               ("上年结转资金", form.funding.prior_year_carryover),
               ("其他资金", form.funding.other_funds)]
    for r, (title, src) in enumerate(sources, start=6):
        put(f"B{r}", title, f"C{r}")
        for col, attr in zip("DEF", ["initial_budget", "annual_budget", "executed"], strict=True):
            put(f"{col}{r}", numbers.format_amount(getattr(src, attr), places))
        if r == 6:
            put("G6", numbers.format_plain(form.funding.weight))
            put("H6", numbers.format_rate(fig.execution_rate))
            put("I6", numbers.format_score(fig.funding_score))
        else:
            for col in "GHI":
                put(f"{col}{r}", "—")
    put("A10", "年度\n总体\n目标", "A11")
    put("B10", "预期目标", "E10")
    put("F10", "实际完成情况", "I10")
    put("B11", form.goals.expected, "E11", left)
    put("F11", form.goals.actual, "I11", left)
    ws.row_dimensions[11].height = 110
    start = 12
    put(f"A{start}", "绩\n效\n指\n标", f"A{start + len(form.indicators)}")
    for col, text in zip("BCDEFGHI", ["一级指标", "二级指标", "三级指标", "年度指标值",
                                      "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
                         strict=True):
        put(f"{col}{start}", text)
    for r, ind in enumerate(form.indicators, start=start + 1):
        values = [ind.level1, ind.level2, ind.name, ind.target, ind.actual,
                  numbers.format_plain(ind.weight), numbers.format_score(ind.score),
                  ind.deviation]
        for col, text in zip("BCDEFGHI", values, strict=True):
            put(f"{col}{r}", text, align=left if col == "I" else wrap)
        ws.row_dimensions[r].height = 30
    last = start + len(form.indicators) + 1
    put(f"A{last}", "总分", f"F{last}")
    put(f"G{last}", numbers.format_plain(fig.weight_total))
    put(f"H{last}", numbers.format_score(fig.total_score))
    for line in ws.iter_rows(min_row=3, max_row=last, max_col=9):
        for cell in line:
            cell.border = border
            if cell.row != 1:
                cell.font = font
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)
    return True


def time_install(install: Install, folder: Path, runs: int,
                 results: list[tuple[str, ...]]) -> tuple[Timings, Timings]:
    """Rows for one install; returns the timings of (perfeval pdf on seed 1, the floor)."""
    from perfeval_gui.assets import font_path

    cmd, env, tag = install.script("perfeval"), install.env, install.label.split(" ")[0]
    seed = folder / "seed1.json"
    timed([*cmd, "pdf", str(seed)], 2, env)  # warm the OS file cache and the font cache
    ours = timed([*cmd, "pdf", str(seed), "-o", str(folder / "seed1.pdf")], runs, env)
    results.append(row(f"[{tag}] perfeval pdf, seed 1", ours))

    floor_cmd = [str(install.python), str(folder / "floor.py"), str(font_path()),
                 str(folder / "floor.pdf")]
    timed(floor_cmd, 1, env, ok=(0,))
    floor = timed(floor_cmd, runs, env, ok=(0,))
    results.append(row(f"[{tag}] floor: bare ReportLab + font + 1 table", floor))

    files = sorted(str(p) for p in (folder / "batch").glob("*.json"))
    batch = timed([*cmd, "pdf", *files, "--out-dir", str(folder / "out")],
                  max(1, runs // 5), env)
    results.append(row(f"[{tag}] batch of {len(files)} forms, one process (total)", batch))
    results.append(row(f"[{tag}]   … per form", batch, per=len(files)))

    big = folder / "indicators200.json"
    many = timed([*cmd, "pdf", str(big), "-o", str(folder / "big.pdf")], runs, env)
    results.append(row(f"[{tag}] perfeval pdf, 200 indicators", many))
    return ours, floor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=20)
    parser.add_argument("--skip-libreoffice", action="store_true")
    add_install_arguments(parser)
    args = parser.parse_args()
    runs = args.runs
    results: list[tuple[str, ...]] = []
    notes: list[str] = []
    medians: dict[str, tuple[Timings, Timings]] = {}
    with tempfile.TemporaryDirectory(prefix="bench_pdf_") as tmp:
        folder = Path(tmp)
        shutil.copy(SEED, folder / "seed1.json")
        (folder / "floor.py").write_text(FLOOR_SCRIPT, encoding="utf-8")
        (folder / "batch").mkdir()
        for i in range(100):
            shutil.copy(SEED, folder / "batch" / f"form{i:03d}.json")
        big_form(200, folder)

        for install in installs(args, folder):
            medians[install.label] = time_install(install, folder, runs, results)

        from pypdf import PdfReader

        notes.append(f"200-indicator form: {len(PdfReader(folder / 'big.pdf').pages)} pages")

        from perfeval_gui.assets import font_path
        from perfeval_gui.fileio import load_form
        from perfeval_gui.pdf import render_bytes

        form = load_form(SEED)
        render_bytes(form)
        inproc = []
        for _ in range(max(5, runs)):
            start = time.perf_counter()
            render_bytes(form)
            inproc.append(time.perf_counter() - start)
        results.append(("in-process render_bytes, seed 1 (warm, this interpreter)",
                         f"{min(inproc):.3f}", f"{statistics.median(inproc):.3f}", "—"))

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        xlsx = folder / "seed1.xlsx"
        lo: Timings | None = None
        if args.skip_libreoffice:
            notes.append("LibreOffice: skipped (--skip-libreoffice)")
        elif soffice is None:
            notes.append("LibreOffice: skipped (soffice not found; Debian: libreoffice-calc-nogui)")
        elif not write_xlsx(xlsx):
            notes.append("LibreOffice: skipped (openpyxl is not installed to write the .xlsx)")
        else:
            profile = folder / "lo-profile"
            lo_cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                      "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(xlsx)]
            # LibreOffice gets the same shipped font through a private fontconfig file,
            # so that it too prints (and embeds) real Chinese glyphs, not boxes.
            fonts_conf = folder / "fonts.conf"
            fonts_conf.write_text(
                '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                '<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                f"<dir>{font_path().parent}</dir><cachedir>{folder / 'fc-cache'}</cachedir>"
                "</fontconfig>\n", encoding="utf-8")
            lo_env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf))
            cold = timed(lo_cmd, 1, lo_env)  # first run creates the profile
            results.append(row("LibreOffice .xlsx → pdf, first run (new profile)", cold))
            warm = timed(lo_cmd, max(3, runs // 2), lo_env)
            results.append(row("LibreOffice .xlsx → pdf, warm profile", warm))
            lo = warm
            lo_pdf = folder / "lo" / "seed1.pdf"
            if not lo_pdf.exists():
                notes.append("LibreOffice: no PDF was produced!")
            else:
                text = PdfReader(lo_pdf).pages[0].extract_text() or ""
                embedded = "重点企业服务" in text.replace(" ", "")
                notes.append(f"LibreOffice PDF has the Chinese text: {embedded}")

    width = max(len(r[0]) for r in results)
    print(f"{'what':<{width}}  {'min s':>7}  {'median s':>8}  {'cpu s':>7}")
    for name, low, mid, cpu in results:
        print(f"{name:<{width}}  {low:>7}  {mid:>8}  {cpu:>7}")
    print()
    for label, (ours, floor) in medians.items():
        print(f"{label}:")
        print(f"  perfeval pdf / floor (median wall): {ours.median / floor.median:.2f}×")
        if lo is not None:
            # Min wall and CPU too: on a loaded machine the medians of both sides wander.
            print(f"  LibreOffice / perfeval pdf (median wall): {lo.median / ours.median:.1f}× "
                  f"(min wall {lo.min / ours.min:.1f}×, CPU {lo.cpu_median / ours.cpu_median:.1f}×;"
                  " goal: at least 5×)")
    if os.cpu_count() and hasattr(os, "getloadavg"):
        print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
