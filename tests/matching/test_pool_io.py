import io

import pytest

from peernet.matching import PoolError, parse_applicants, read_applicants, write_cohorts
from peernet.matching.model import Cohort, Result

from .helpers import HEADER, pool_text, row


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(PoolError) as caught:
        parse_applicants(text)
    return caught.value.lines()


def test_parse_applicants_reads_every_column():
    [a] = parse_applicants(
        pool_text([row("A1", ownership="family;women-led", slots="tue-am;thu-pm", sic="25620")])
    )
    assert a.id == "A1"
    assert a.employees == 12
    assert a.turnover == 900000
    assert a.ownership == frozenset({"family", "women-led"})
    assert a.themes == frozenset({"staffing", "exporting"})
    assert a.slots == ("tue-am", "thu-pm")
    assert a.sic_class == "2562"


def test_parse_applicants_ignores_unknown_columns():
    text = HEADER + ",notes\n" + row("A1") + ",anything\n"
    assert [a.id for a in parse_applicants(text)] == ["A1"]


def test_parse_applicants_bad_employees_names_line_column_value():
    assert problems(pool_text([row("A1"), row("A2", employees="abc")])) == [
        "applicants.csv line 3: employees 'abc' is not a whole number"
    ]


@pytest.mark.parametrize("digits", ["１２", "١٢", "12²"])
def test_parse_applicants_refuses_digits_other_than_0_to_9(digits):
    assert problems(pool_text([row("A1", employees=digits)])) == [
        f"applicants.csv line 2: employees '{digits}' is not a whole number"
    ]


def test_parse_applicants_repeated_id_has_its_own_message():
    assert problems(pool_text([row("A1"), row("A1")])) == [
        "applicants.csv line 3: id 'A1' repeats the id on line 2"
    ]


def test_parse_applicants_unknown_not_with_has_its_own_message():
    assert problems(pool_text([row("A1", not_with="Z9")])) == [
        "applicants.csv line 2: not_with 'Z9' is not an id in the file"
    ]


def test_parse_applicants_empty_slots_has_its_own_message():
    assert problems(pool_text([row("A1", slots="")])) == [
        "applicants.csv line 2: slots is empty; list at least one slot, like tue-am"
    ]


def test_parse_applicants_non_utf8_names_the_line():
    data = pool_text([row("A1"), row("A2", district="Caf\u00e9")]).encode("latin-1")
    assert problems(data) == [
        "applicants.csv line 3: bytes b'\\xe9' at character 27 are not UTF-8; save the file as CSV UTF-8"
    ]


def test_parse_applicants_reports_every_problem_at_once():
    text = pool_text([row("A1", mode="bus", sic="123"), row("A2", turnover="-5", district="")])
    assert problems(text) == [
        "applicants.csv line 2: sic '123' is not a 5-digit SIC code (or empty)",
        "applicants.csv line 2: mode 'bus' is not one of online, in-person, either",
        "applicants.csv line 3: district is empty",
        "applicants.csv line 3: turnover '-5' is not a whole number of pounds",
    ]


def test_parse_applicants_missing_column():
    assert problems("id,sector\nA1,Retail\n")[0] == "applicants.csv line 1: the header has no 'sic' column"


def test_parse_applicants_wrong_field_count():
    assert problems(pool_text([row("A1") + ",extra"])) == [
        "applicants.csv line 2: has 14 fields; the header has 13"
    ]


def test_read_applicants_refuses_a_huge_file_without_reading_it(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.truncate(1024**3)  # a sparse 1 GiB file: no disk used, no bytes read
    with pytest.raises(PoolError) as caught:
        read_applicants(path)
    assert caught.value.lines() == [
        "big.csv: is 1,074 MB, over the 200 MiB limit for one pool; is it the right file?"
    ]


def test_write_cohorts_keeps_input_order_and_blanks_the_unplaced():
    cohort = Cohort("C01", "tue-am", "online", "", ("B", "C"), 0.5, "", "open", "")
    result = Result((cohort,), (), 2, 3, 0.5, 0, 0.0)
    out = io.StringIO()
    write_cohorts(result, ["C", "A", "B"], out)
    assert out.getvalue() == "id,cohort,slot,mode\nC,C01,tue-am,online\nA,,,\nB,C01,tue-am,online\n"


def test_write_applicants_reads_back_to_the_same_applicants():
    from peernet.matching import write_applicants

    pool = parse_applicants(pool_text([row("A1", not_with="A2"), row("A2", ownership="women-led;family")]))
    out = io.StringIO()

    write_applicants(pool, out)

    assert parse_applicants(out.getvalue()) == pool
