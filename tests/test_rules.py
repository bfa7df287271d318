"""Rule checks and suggested scores: every finding code triggered and not triggered."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval_gui import figures
from perfeval_gui.model import Form, FundingRow, Indicator, blank_form
from perfeval_gui.rules import CODES, RULES, Finding, Suggestion, check, in_band, suggest

D = Decimal


def codes(form: Form) -> list[str]:
    return [f.code for f in check(form)]


def only(form: Form, code: str) -> list[Finding]:
    return [f for f in check(form) if f.code == code]


def ind(**kwargs: object) -> Indicator:
    base: dict[str, object] = {"level1": "产出指标", "level2": "数量指标", "name": "服务企业数"}
    base.update(kwargs)
    return Indicator.model_validate(base)


# --- the seeds ---------------------------------------------------------------------------


def test_seed1_findings(seed1: Form) -> None:
    found = check(seed1)
    assert [f.severity for f in found if f.severity == "error"] == []
    mismatch = only(seed1, "sources-mismatch")
    assert [(f.severity, str(f.location)) for f in mismatch] == [
        ("warning", "funding.total.annual_budget")
    ]
    assert "380,000.00" in mismatch[0].message and "650,000.00" in mismatch[0].message
    assert codes(seed1) == ["sources-mismatch"] + ["score-off-rule"] * 4
    off = only(seed1, "score-off-rule")
    assert [str(f.location) for f in off] == [
        "indicators[1].score", "indicators[3].score", "indicators[4].score", "indicators[5].score"
    ]
    assert "19.56" in off[0].message and "企业满意率" in off[0].message


def test_seed1_suggestion_for_88_of_90(seed1: Form) -> None:
    s = suggest(seed1.indicators[1])
    assert s == Suggestion(
        "quantitative", D("19.56"), False, None, "实际 88% 未达到目标 ≥90%：88/90×20 = 19.56"
    )
    assert [suggest(i).score for i in seed1.indicators] == [  # type: ignore[union-attr]
        D("20.00"), D("19.56"), D("10.00"), D("6.43"), D("6.43"), D("9.78")
    ]


def test_seed2_findings(seed2: Form) -> None:
    assert codes(seed2) == ["sources-mismatch", "score-off-rule", "score-off-rule"]
    assert only(seed2, "sources-mismatch")[0].message == (
        "年度资金总额的全年预算数 1,182,800.00 与其中各项合计 1,307,000.00 不一致"
    )
    # =360天 against 363: the unit scored it full, and so does the rule.
    s = suggest(seed2.indicators[2])
    assert s is not None and s.met is True and s.score == D("10.00")


def test_blank_form_asks_only_for_weights_and_the_budget() -> None:
    form = blank_form()  # the skeleton: 一级/二级 only, no weights yet, so nothing to score
    assert set(codes(form)) == {"budget-missing", "weights-not-100", "weights-off-recommended"}
    assert not only(form, "score-missing")


def test_every_code_in_the_table_has_a_rule() -> None:
    assert len(RULES) == len(CODES)
    assert set(CODES.values()) <= {"error", "warning", "info"}


def test_order_is_errors_warnings_infos(seed1: Form) -> None:
    seed1.indicators[0].score = D(25)  # error
    seed1.funding.weight = D(5)  # error weights-not-100, info weights-off-recommended
    severities = [f.severity for f in check(seed1)]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert severities[0] == "error" and severities[-1] == "info"
    assert check(seed1) == check(seed1)


# --- each code, triggered and not --------------------------------------------------------


def test_weights_not_100(seed1: Form) -> None:
    assert "weights-not-100" not in codes(seed1)
    seed1.indicators[0].weight = D(25)
    (f,) = only(seed1, "weights-not-100")
    assert (f.severity, str(f.location)) == ("error", "")
    assert "105" in f.message
    seed1.indicators[0].weight = D(20)
    seed1.funding.weight = None
    assert "分值合计为 90" in only(seed1, "weights-not-100")[0].message


def test_score_exceeds_weight(seed1: Form) -> None:
    seed1.indicators[1].score = D(20)  # equal to the weight: fine
    assert "score-exceeds-weight" not in codes(seed1)
    seed1.indicators[1].score = D(25)
    (f,) = only(seed1, "score-exceeds-weight")
    assert str(f.location) == "indicators[1].score"
    assert f.message == "第 2 行指标“企业满意率”的得分 25 超过分值 20"


def test_weight_missing(seed1: Form) -> None:
    assert "weight-missing" not in codes(seed1)
    seed1.indicators[2].weight = None
    (f,) = only(seed1, "weight-missing")
    assert (f.severity, str(f.location)) == ("error", "indicators[2].weight")
    seed1.indicators[2].score = None
    assert "weight-missing" not in codes(seed1)


@pytest.mark.parametrize("budget", [None, D(0)])
def test_budget_missing_typed(seed1: Form, budget: Decimal | None) -> None:
    assert "budget-missing" not in codes(seed1)
    seed1.funding.total = seed1.funding.total.model_copy(  # type: ignore[union-attr]
        update={"annual_budget": budget}
    )
    (f,) = only(seed1, "budget-missing")
    assert (f.severity, str(f.location)) == ("error", "funding.total.annual_budget")


def test_budget_missing_auto_summed(seed1: Form) -> None:
    seed1.funding.total = None  # auto-summed: 650000 + 0 + 0
    assert "budget-missing" not in codes(seed1)
    for name in ("current_year_appropriation", "prior_year_carryover", "other_funds"):
        setattr(seed1.funding, name, FundingRow())
    assert "budget-missing" in codes(seed1)


def test_sources_mismatch(seed1: Form) -> None:
    seed1.funding.total = None  # auto-summed rows never mismatch
    assert "sources-mismatch" not in codes(seed1)
    seed1.funding.total = FundingRow(
        initial_budget=D("650000.00"), annual_budget=D("650000.00"), executed=D("250000.00")
    )  # equal values, different places
    assert "sources-mismatch" not in codes(seed1)
    seed1.funding.total = FundingRow(
        initial_budget=D(1), annual_budget=D(2), executed=D(3)
    )
    assert [str(f.location) for f in only(seed1, "sources-mismatch")] == [
        "funding.total.initial_budget", "funding.total.annual_budget", "funding.total.executed"
    ]


def test_sources_mismatch_blank_is_not_zero(seed1: Form) -> None:
    # executed: blank in every 其中 row → no sum → nothing to compare with.
    for name in ("current_year_appropriation", "prior_year_carryover", "other_funds"):
        getattr(seed1.funding, name).executed = None
    seed1.funding.total.annual_budget = D(650000)  # type: ignore[union-attr]
    assert "sources-mismatch" not in codes(seed1)
    # A blank typed cell against sub-rows summing to 0 is harmless; against 250000 it is not.
    seed1.funding.total.executed = None  # type: ignore[union-attr]
    seed1.funding.current_year_appropriation.executed = D(0)
    assert "sources-mismatch" not in codes(seed1)
    seed1.funding.current_year_appropriation.executed = D(250000)
    (f,) = only(seed1, "sources-mismatch")
    assert str(f.location) == "funding.total.executed" and "空" in f.message


def test_over_execution(seed1: Form) -> None:
    assert "over-execution" not in codes(seed1)
    seed1.funding.total.executed = D(380000)  # type: ignore[union-attr]
    assert "over-execution" not in codes(seed1)  # exactly the budget
    seed1.funding.total.executed = D("380000.01")  # type: ignore[union-attr]
    seed1.funding.prior_year_carryover.executed = D(5)  # budget 0
    found = only(seed1, "over-execution")
    assert [str(f.location) for f in found] == [
        "funding.total.executed", "funding.prior_year_carryover.executed"
    ]
    assert "380,000.01" in found[0].message


def test_executed_missing(seed1: Form) -> None:
    assert "executed-missing" not in codes(seed1)
    seed1.funding.total.executed = None  # type: ignore[union-attr]
    (f,) = only(seed1, "executed-missing")
    assert str(f.location) == "funding.total.executed"


def test_deviation_missing_quantitative(seed1: Form) -> None:
    assert "deviation-missing" not in codes(seed1)
    seed1.indicators[1].deviation = "  "
    (f,) = only(seed1, "deviation-missing")
    assert (f.severity, str(f.location)) == ("warning", "indicators[1].deviation")
    assert "88%" in f.message and ">=90%" in f.message
    seed1.indicators[1].actual = "90%"  # now met
    assert "deviation-missing" not in codes(seed1)


@pytest.mark.parametrize("mark", ["/", " — ", "／"])
def test_a_lone_dash_explains_nothing(seed1: Form, mark: str) -> None:
    seed1.indicators[1].deviation = mark  # not met, "explained" by a dash only
    (f,) = only(seed1, "deviation-missing")
    assert str(f.location) == "indicators[1].deviation"
    seed1.indicators[0].score, seed1.indicators[0].deviation = D(19), mark
    assert [str(f.location) for f in only(seed1, "deduction-unexplained")] == [
        "indicators[0].deviation"]


def test_deviation_missing_qualitative(seed1: Form) -> None:
    row = seed1.indicators[2]
    row.target, row.actual, row.deviation, row.score = "及时", "基本及时", "", D(7)
    row.grade = "achieved"
    assert "deviation-missing" not in codes(seed1)
    row.grade = "partial"
    (f,) = only(seed1, "deviation-missing")
    assert "部分达成并具有一定效果" in f.message


def test_deduction_unexplained(seed1: Form) -> None:
    assert "deduction-unexplained" not in codes(seed1)
    seed1.indicators[0].score = D(19)  # target met but marked down, no reason given
    (f,) = only(seed1, "deduction-unexplained")
    assert str(f.location) == "indicators[0].deviation"
    # a not-met row without a reason is deviation-missing only, never both
    seed1.indicators[1].deviation = ""
    assert [str(f.location) for f in only(seed1, "deduction-unexplained")] == [
        "indicators[0].deviation"
    ]


def test_score_missing(seed1: Form) -> None:
    assert "score-missing" not in codes(seed1)
    seed1.indicators[3].score = None
    (f,) = only(seed1, "score-missing")
    assert str(f.location) == "indicators[3].score"


def test_grade_band(seed1: Form) -> None:
    row = seed1.indicators[0]  # weight 20
    row.target, row.actual, row.grade = "效果明显", "效果较好", "partial"
    for score, flagged in [(D(12), False), (D("15.99"), False), (D("11.99"), True),
                           (D(16), True), (D(17), True)]:
        row.score = score
        assert ("grade-band" in codes(seed1)) is flagged, score
    row.grade, row.score = "achieved", D(16)  # the 80% edge belongs to 达成 only
    assert "grade-band" not in codes(seed1)
    row.grade, row.score = "not_achieved", D(13)
    (f,) = only(seed1, "grade-band")
    assert "得分应不低于 0.00 且低于 12.00，实际为 13" in f.message
    assert str(f.location) == "indicators[0].score"
    row.grade, row.score = "achieved", D(15)
    (f,) = only(seed1, "grade-band")
    assert "得分应在 16.00–20.00 之间，实际为 15" in f.message
    row.grade = None  # no grade chosen yet: nothing to check against
    assert "grade-band" not in codes(seed1)


def test_name_missing(seed1: Form) -> None:
    assert "name-missing" not in codes(seed1)
    seed1.indicators[0].name = ""
    (f,) = only(seed1, "name-missing")
    assert str(f.location) == "indicators[0].name"
    seed1.indicators.append(Indicator(level1="效益指标", level2="生态效益指标", weight=D(5)))
    assert len(only(seed1, "name-missing")) == 1  # labels and weight only: a template row
    seed1.indicators[-1].target = "≥3"
    assert len(only(seed1, "name-missing")) == 2


def test_target_and_actual_missing(seed1: Form) -> None:
    assert not {"target-missing", "actual-missing"} & set(codes(seed1))
    seed1.indicators[0].target = ""
    seed1.indicators[2].actual = ""
    assert [str(f.location) for f in only(seed1, "target-missing")] == ["indicators[0].target"]
    assert [str(f.location) for f in only(seed1, "actual-missing")] == ["indicators[2].actual"]
    seed1.indicators[0].score = None  # not scored yet: not flagged
    assert "target-missing" not in codes(seed1)


def test_score_off_rule(seed2: Form) -> None:
    seed2.indicators[3].score = D("12.86")
    seed2.indicators[4].score = D("6.43")
    assert "score-off-rule" not in codes(seed2)
    seed2.indicators[0].score = D("19.99")
    (f,) = only(seed2, "score-off-rule")
    assert (f.severity, str(f.location)) == ("info", "indicators[0].score")


def test_weights_off_recommended(seed1: Form) -> None:
    assert "weights-off-recommended" not in codes(seed1)
    seed1.indicators[2].weight = D(5)
    seed1.indicators[3].weight = D(20)  # 产出 45, 效益 35
    found = only(seed1, "weights-off-recommended")
    assert [str(f.location) for f in found] == ["indicators[0].weight", "indicators[3].weight"]
    assert "产出指标分值合计为 45" in found[0].message
    seed1.funding.weight = D(15)
    assert str(only(seed1, "weights-off-recommended")[0].location) == "funding.weight"


def test_empty_rows_are_kept_and_never_flagged(seed1: Form) -> None:
    seed1.indicators.insert(4, Indicator())
    seed1.indicators.append(Indicator(deviation="  \n"))
    assert len(seed1.indicators) == 8
    assert suggest(seed1.indicators[4]) is None
    rows = [f.location.indicator_row for f in check(seed1)]
    assert 4 not in rows and 7 not in rows
    assert "score-off-rule" in codes(seed1)  # the other rows are still checked, re-indexed
    assert "indicators[6].score" in [str(f.location) for f in only(seed1, "score-off-rule")]


# --- suggestions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "weight", "score", "is_met"),
    [
        ("≤90万元", "95万元", "20", "18.95", False),  # reverse: 90/95×20
        ("<5%", "10%", "10", "5.00", False),
        ("≤90万元", "85万元", "20", "20.00", True),
        (">0%", "0%", "10", "0.00", False),  # 0/0 avoided
        ("≥0", "0", "10", "10.00", True),
        ("<0", "0", "10", "0.00", False),  # target/actual with actual 0: no division
        ("=0起", "2起", "10", "0.00", False),  # a zero ceiling missed
        (">90%", "90%", "10", "10.00", False),  # the formula itself gives the full weight
        ("≥90%", "45%", "15", "7.50", False),
        ("≥3", "1", "10", "3.33", False),
        ("≥3", "2", "10", "6.67", False),  # 四舍五入
        ("≥100%", "≥100%", "10", "10.00", True),  # a bound that is inside
        (">=90%", "88%", "0", "0.00", False),
        (">=90%", "88%", "10.005", "9.78", False),
        ("≥90%", "95%", "10.005", "10.00", True),  # never rounded above the weight
    ],
)
def test_quantitative_suggestion(
    target: str, actual: str, weight: str, score: str, is_met: bool
) -> None:
    s = suggest(ind(target=target, actual=actual, weight=D(weight)))
    assert s is not None
    assert (s.kind, s.score, s.met, s.band) == ("quantitative", D(score), is_met, None)


@pytest.mark.parametrize(
    ("target", "actual", "hint"),
    [
        ("及时", "及时", "“及时”无法量化"),
        ("≥90%", "较好", "无法与目标 ≥90% 比较"),
        ("≥90%", "", "实际完成值为空"),
        ("", "", "年度指标值为空"),
        ("≥90%", "≤80%以内", "无法与目标"),  # unreadable (two operators)
        ("≥90%", "≥80%", "无法与目标"),  # a bound that may or may not meet it
        ("≥90%", "0.95", "无法与目标"),  # ambiguous fraction
    ],
)
def test_qualitative_without_grade(target: str, actual: str, hint: str) -> None:
    s = suggest(ind(target=target, actual=actual, weight=D(10)))
    assert s is not None
    assert (s.kind, s.score, s.met, s.band) == ("qualitative", None, None, None)
    assert hint in s.explanation and "请选择评价等级" in s.explanation


@pytest.mark.parametrize(
    ("grade", "band", "score", "is_met"),
    [
        ("achieved", ("16", "20"), "20.00", True),
        ("partial", ("12", "16"), "15.99", False),  # [60%, 80%): the most is just under 16
        ("not_achieved", ("0", "12"), "11.99", False),
    ],
)
def test_qualitative_grades(grade: str, band: tuple[str, str], score: str, is_met: bool) -> None:
    s = suggest(ind(target="效果明显", actual="效果明显", weight=D(20), grade=grade))
    assert s is not None
    assert s.kind == "qualitative" and s.met is is_met
    assert s.band == (D(band[0]), D(band[1])) and s.score == D(score)
    assert in_band(grade, D(20), s.score)
    assert s.top_included is (grade == "achieved")
    assert ("不含上限" in s.explanation) is (grade != "achieved")


# The bands are half-open as budget systems enforce them (FORM.md): [80%, 100%],
# [60%, 80%), [0, 60%). Weight 100, so the edges read as the 总分 grades' do.
@pytest.mark.parametrize(
    ("score", "grade"),
    [("59.99", "not_achieved"), ("60", "partial"), ("79.99", "partial"), ("80", "achieved"),
     ("89.99", "achieved"), ("90", "achieved"), ("100", "achieved"), ("0", "not_achieved")],
)
def test_grade_band_edges(score: str, grade: str) -> None:
    inside = [g for g in ("achieved", "partial", "not_achieved") if in_band(g, D(100), D(score))]
    assert inside == [grade]  # every score in exactly one band


@pytest.mark.parametrize(
    ("weight", "grade", "suggested"),
    [("7", "partial", "5.59"), ("3.333", "partial", "2.66"), ("15", "not_achieved", "8.99"),
     ("0", "partial", "0.00"), ("7.5", "achieved", "7.50")],
)
def test_suggestion_is_the_most_the_grade_allows(weight: str, grade: str, suggested: str) -> None:
    s = suggest(ind(target="效果明显", actual="较好", weight=D(weight), grade=grade))
    assert s is not None and s.score == D(suggested)
    assert s.band is not None and s.band[0] <= s.score <= s.band[1]

def test_no_suggestion_without_weight() -> None:
    assert suggest(ind(target=">90", actual="155")) is None
    assert suggest(Indicator()) is None


# --- properties ---------------------------------------------------------------------------

_PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))
_TEXT = st.one_of(
    st.text(alphabet=_PRINTABLE, max_size=12),
    st.text(alphabet=st.sampled_from(list("0123456789.,%><=≥≤＞％ 不低于以上万元家约")),
             max_size=10),
    st.sampled_from([">90", ">=90%", "88%", "0", "0%", "=0", "≤90万元", "及时", "=360天", "363"]),
)
_AMOUNT = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
)
_GRADE = st.sampled_from([None, "achieved", "partial", "not_achieved"])


@given(_TEXT, _TEXT, _AMOUNT, _GRADE)
@settings(max_examples=400)
def test_suggested_score_within_zero_and_weight(
    target: str, actual: str, weight: Decimal | None, grade: str | None
) -> None:
    s = suggest(ind(target=target, actual=actual, weight=weight, grade=grade))
    if weight is None:
        assert s is None
        return
    assert s is not None
    if s.score is not None:
        assert D(0) <= s.score <= weight
        assert s.score == s.score.quantize(D("0.01"))
    if s.kind == "quantitative":
        assert s.score is not None and s.met is not None


@given(st.lists(st.tuples(_TEXT, _TEXT, _AMOUNT, _AMOUNT, _GRADE,
                          st.text(alphabet=_PRINTABLE, max_size=5)),
                max_size=8), _AMOUNT, _AMOUNT)
@settings(max_examples=150)
def test_check_never_raises(rows: list[tuple], budget: Decimal | None,
                            executed: Decimal | None) -> None:
    form = Form(indicators=[
        Indicator(name=n, target=t, actual=a, weight=w, score=s, grade=g)
        for t, a, w, s, g, n in rows
    ])
    form.funding.total = FundingRow(annual_budget=budget, executed=executed)
    found = check(form)
    assert all(f.code in CODES and CODES[f.code] == f.severity for f in found)
    assert all(f.message for f in found)
    has_error = any(f.severity == "error" for f in found)
    assert has_error == (
        figures.weight_total(form) != 100
        or budget is None or budget == 0
        or any(i.score is not None and (i.weight is None or i.score > i.weight)
               for i in form.indicators if not i.is_empty())
    )


@pytest.mark.parametrize(
    ("target", "actual", "weight"),
    [
        ("≥" + "9" * 30, "0.000001", D(10) ** 15),
        ("≤0.000001", "9" * 30, D(10) ** 15),
        ("≥0.000001", "0", D("0.000001")),
        ("≥90%", "89.999999%", D("99.999999")),
    ],
)
def test_extreme_figures_stay_within_the_weight(target: str, actual: str, weight: Decimal) -> None:
    s = suggest(ind(target=target, actual=actual, weight=weight))
    assert s is not None and s.kind == "quantitative" and s.score is not None
    assert D(0) <= s.score <= weight


def test_messages_name_the_row_compactly(seed1: Form) -> None:
    seed1.indicators[0].name = "第一行\n第二行" + "长" * 40 + "<b>&amp;🎉"
    seed1.indicators[0].score = D(30)
    (f,) = only(seed1, "score-exceeds-weight")
    assert f.message.startswith("第 1 行指标“第一行 第二行" + "长" * 12 + "…”的得分 30")
    assert "\n" not in f.message
