"""The resource map: its figures against direct SQL, its PDF, CSV and languages."""

from datetime import date
from decimal import Decimal

import pytest
from flask_babel import refresh
from sqlalchemy import text

from tests.fixtures.pdf import pdf_text
from volunteer_hub.extensions import db
from volunteer_hub.reports.periods import Period
from volunteer_hub.resources.plans.services import save_settings
from volunteer_hub.resources.report.figures import resource_map

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))
WHERE = (
    "c.given_on BETWEEN '2026-01-01' AND '2026-12-31' AND c.intake_id IS NULL"
    " AND c.reverses_id IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM contributions r WHERE r.reverses_id = c.id)"
)


@pytest.fixture
def mapped(make_partner, make_contribution, make_volunteer, make_service_record):
    """Money from three partners, own money, a venue, a reversal, hours."""
    bureau = make_partner(name="民政局", partner_type="government")
    fund = make_partner(name="基金会", partner_type="foundation")
    firm = make_partner(name="企业", partner_type="enterprise")
    make_contribution(
        bureau,
        kind="contract_payment",
        value_amount="300000",
        restricted=True,
        purpose="社工站",
    )
    make_contribution(fund, value_amount="150000")
    make_contribution(
        firm,
        kind="venue",
        quantity="30",
        unit="天",
        value_amount="9000",
        value_basis="market",
    )
    wrong = make_contribution(firm, value_amount="7777")
    from volunteer_hub.resources.funding.services import reverse_contribution

    reverse_contribution(None, wrong, "录错")
    make_contribution(None, value_amount="20000", value_basis="invoice")
    make_contribution(fund, value_amount="999", given_on=date(2025, 12, 31))
    save_settings(
        None,
        personnel_share="70",
        hour_values={
            "none": "20",
            "interested": "25",
            "experienced": "35",
            "certified": "50",
        },
    )
    db.session.commit()
    expert = make_volunteer(skills={"elder_care": "certified"})
    novice = make_volunteer()
    make_service_record(expert, hours="3", served_on=date(2026, 3, 1))
    make_service_record(novice, hours="2", served_on=date(2026, 3, 2))
    return PERIOD


def _sql(query: str):
    return db.session.execute(text(query)).scalar()


def test_figures_match_a_direct_sql_computation(mapped):
    figures = resource_map(mapped)
    external_given = _sql(
        "SELECT SUM(c.value_amount) FROM contributions c"
        f" WHERE c.partner_id IS NOT NULL AND {WHERE}"
    )
    own = _sql(
        "SELECT SUM(c.value_amount) FROM contributions c WHERE c.partner_id IS NULL"
        f" AND c.restricted = false AND {WHERE}"
    )
    restricted = _sql(
        "SELECT SUM(c.value_amount) FROM contributions c WHERE c.partner_id IS NOT"
        " NULL AND c.restricted = true AND c.kind IN ('cash_grant',"
        f" 'contract_payment') AND {WHERE}"
    )
    hours_value = _sql(
        "SELECT SUM(s.hours * v.amount) FROM service_records s"
        " JOIN service_reviews r ON r.record_id = s.id AND r.decision = 'approved'"
        " JOIN volunteer_hour_values v ON v.level = COALESCE((SELECT CASE MAX("
        "  CASE vs.level WHEN 'certified' THEN 3 WHEN 'experienced' THEN 2"
        "  WHEN 'interested' THEN 1 END) WHEN 3 THEN 'certified'"
        "  WHEN 2 THEN 'experienced' WHEN 1 THEN 'interested' END"
        "  FROM volunteer_specialties vs WHERE vs.volunteer_id = s.volunteer_id),"
        "  'none')"
        " WHERE s.served_on BETWEEN '2026-01-01' AND '2026-12-31'"
    )
    assert Decimal(external_given) == Decimal("459000")
    assert figures.external == Decimal(external_given) + Decimal(hours_value)
    assert figures.own_unrestricted == Decimal(own) == Decimal("20000")
    assert figures.restricted_cash == Decimal(restricted)
    assert figures.hours_value == Decimal(hours_value) == Decimal("190.00")
    assert figures.leverage == (figures.external / Decimal(own)).quantize(
        Decimal("0.01")
    )
    assert figures.kind("venue").quantity == 30
    assert figures.cash_by_source["government"] == Decimal("300000")
    assert figures.active_partners == 3


def test_csv_and_pdf_carry_the_figures(mapped, viewer_client):
    query = "?start=2026-01-01&end=2026-12-31&lang=en"
    csv = viewer_client.get("/reports/resources.csv" + query)
    assert csv.status_code == 200
    body = csv.get_data(as_text=True)
    assert "Own unrestricted money (Chinese yuan),20000.00,own" in body
    leverage = "Leverage: yuan from outside per yuan of own unrestricted money"
    assert f"{leverage},22.96,leverage" in body
    pdf = viewer_client.get("/reports/resources.pdf" + query)
    assert pdf.mimetype == "application/pdf"
    words = pdf_text(pdf.data)
    assert "Resource map" in words and "20,000.00" in words


@pytest.mark.parametrize("lang,word", [("zh", "资源地图"), ("en", "Resource map")])
def test_both_languages_render(mapped, viewer_client, lang, word):
    html = viewer_client.get(
        f"/reports/resources?start=2026-01-01&end=2026-12-31&lang={lang}"
    ).get_data(as_text=True)
    assert word in html and "<svg" in html and 'data-figure="leverage"' in html


def test_annual_summary_shares_the_figures(mapped, viewer_client):
    html = viewer_client.get("/reports/annual?year=2026&lang=en").get_data(as_text=True)
    assert 'id="a-resources"' in html and "/reports/resources?" in html
    figure = resource_map(PERIOD).external
    assert f"{figure:,.2f}" in html


def test_bad_period_is_refused_without_error(viewer_client):
    response = viewer_client.get("/reports/resources?start=2026-05-01&end=2026-01-01")
    assert response.status_code == 200 and "field-error" in response.get_data(
        as_text=True
    )
    response = viewer_client.get("/reports/resources.pdf?start=x")
    assert response.status_code == 302


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_reads_the_same_on_screen_in_pdf_and_csv(app, mapped, viewer_client, lang):
    from tests.test_reports_tables import check_report
    from volunteer_hub.resources.report.tables import report_tables

    with app.test_request_context(headers={"Accept-Language": lang}):
        refresh()  # the locale is cached per application context
        tables = report_tables(resource_map(mapped))
    assert list(tables) == [
        "resource-facts",
        "resource-kinds",
        "resource-details",
        "resource-types",
        "cash-sources",
        "resource-hours",
    ]
    assert all(table.rows for table in tables.values())
    url = f"/reports/resources?start=2026-01-01&end=2026-12-31&lang={lang}"
    check_report(viewer_client, url, tables)


def test_annual_summary_csv_carries_the_resource_figures(mapped, viewer_client):
    written = viewer_client.get("/reports/annual.csv?year=2026&lang=en").text
    assert "Resources mobilised" in written
    figure = resource_map(PERIOD).external
    assert f"External resources (Chinese yuan),{figure}" in written
