"""Exports of a survey: SPSS-friendly coding, a codebook, XLSX with text cells, nothing personal."""

import csv
import io

from openpyxl import load_workbook

from surveys.exports import codebook_csv, csv_lines, spss_syntax, variables, write_xlsx
from surveys.plan import plan_of
from tests.survey_results.sample import DEFINITION, RECORDS

PLAN = plan_of(DEFINITION)


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_csv_has_one_row_per_response_with_numeric_codes_and_a_0_1_column_per_option():
    rows = table("".join(csv_lines(PLAN, RECORDS)))
    assert len(rows) == 6
    first, second, third, staff = rows[0], rows[1], rows[2], rows[3]
    # the running number, never the database id (11, 12, …)
    assert [r["nr"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert (first["audience"], second["audience"], staff["audience"]) == ("1", "2", "3")
    assert (first["channel"], third["channel"], rows[5]["channel"]) == ("1", "2", "3")
    assert (first["district"], staff["district"], first["day"]) == ("Hahn", "", "2026-05-04")
    assert (first["often"], third["often"], staff["often"]) == ("1", "2", "3")
    assert [first[f"channels_{c}"] for c in ("web", "app", "mail", "other")] == ["1", "1", "0", "0"]
    assert [third[f"channels_{c}"] for c in ("web", "app", "mail", "other")] == ["0", "0", "1", "1"]
    assert third["channels_other_text"] == "Zeitung"  # approved
    assert [staff[f"channels_{c}"] for c in ("web", "app", "mail", "other")] == ["", "", "", ""]  # not answered
    assert (first["happy"], first["rate_wifi"], first["rate_forms"], second["rate_forms"]) == ("5", "5", "2", "")
    assert (third["order_a"], third["order_b"], third["order_c"]) == ("1", "3", "2")
    assert (first["age"], first["knows"], third["knows"], first["when"]) == ("30", "1", "0", "2026-04-02")


def test_free_text_is_exported_only_when_approved_and_never_as_a_formula():
    rows = table("".join(csv_lines(PLAN, RECORDS)))
    assert rows[0]["notes"] == "Mehr WLAN"
    assert rows[2]["notes"] == ""  # a phone number, not approved
    assert rows[4]["notes"] == '\'=HYPERLINK("http://evil.example")'
    assert "0171" not in "".join(csv_lines(PLAN, RECORDS, coding="labels"))


def test_the_labels_coding_writes_what_people_read():
    rows = table("".join(csv_lines(PLAN, RECORDS, coding="labels")))
    assert (rows[0]["audience"], rows[0]["often"], rows[0]["channels_web"], rows[0]["channels_mail"]) == (
        "Einwohnerinnen und Einwohner",
        "täglich",
        "Website",
        "",
    )
    assert rows[0]["happy"] == "5 – trifft voll zu" and rows[0]["knows"] == "Ja"


def test_the_codebook_names_every_variable_with_its_value_labels():
    book = list(csv.reader(io.StringIO(codebook_csv(PLAN).lstrip("\ufeff"))))
    assert book[0] == ["Variable", "Label", "Frage", "Typ", "Wert", "Wertelabel"]
    often = book.index(["often", "Wie oft nutzen Sie Online-Dienste?", "often", "numeric", "", ""])
    assert book[often + 1 : often + 4] == [
        ["", "", "", "", "1", "täglich"],
        ["", "", "", "", "2", "wöchentlich"],
        ["", "", "", "", "3", "nie"],
    ]
    names = [v.name for v in variables(PLAN)]
    assert names[:5] == ["nr", "audience", "channel", "district", "day"]
    assert "channels_other" in names and "channels_other_text" in names and "order_c" in names
    syntax = spss_syntax(PLAN)
    assert "VALUE LABELS" in syntax and '/often 1 "täglich" 2 "wöchentlich" 3 "nie"' in syntax
    assert 'knows 1 "Ja" 0 "Nein"' in syntax


def test_the_xlsx_holds_data_and_codebook_and_keeps_text_as_text(tmp_path):
    target = tmp_path / "umfrage.xlsx"
    write_xlsx(PLAN, RECORDS, target)
    book = load_workbook(target)
    data, codes = book["Daten"], book["Codebuch"]
    header = [cell.value for cell in data[1]]
    assert data.max_row == 7 and header == [v.name for v in variables(PLAN)]
    notes = data.cell(row=6, column=header.index("notes") + 1)
    assert notes.data_type == "s" and notes.value.startswith("=HYPERLINK")
    assert data.cell(row=2, column=header.index("age") + 1).value == 30
    assert codes.cell(row=1, column=1).value == "Variable"
