"""The TOML the program writes reads back, with tomllib, to the very values written."""

import datetime as dt
import tomllib

from hypothesis import given
from hypothesis import strategies as st

from baocao_gui.domain import toml_text as t

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
NUMBER = st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False, width=64))


@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), st.one_of(TEXT, NUMBER, st.booleans()),
                       max_size=6))
def test_any_text_or_number_written_reads_back_the_same(values):
    read = tomllib.loads("\n".join(t.pairs(values)) + "\n")
    assert read == values


def test_quotes_backslashes_and_line_breaks_in_a_paragraph_survive():
    paragraph = 'Ông A nói: "đạt 97,3%"\\ngoài tỉnh\t– \u202e lạ \x07'
    assert tomllib.loads(f"p = {t.long_array([paragraph, {'bullet': paragraph}])}\n")["p"] == [
        paragraph, {"bullet": paragraph}]


def test_an_integral_figure_is_written_without_a_decimal_point_and_a_date_as_a_date():
    assert t.inline({"actual": 18498.0, "plan": 5.18, "target": [1, 1.5], "last": None}) == \
        "{ actual = 18498, plan = 5.18, target = [1, 1.5] }"
    assert tomllib.loads(f"d = {t.value(dt.date(2031, 1, 18))}")["d"] == dt.date(2031, 1, 18)
