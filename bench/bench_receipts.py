"""Receipts: one-page render cost and size, a 1,000-receipt batch, PDF download.

- A one-page Chinese receipt (rendered from its snapshot, as at issue) against a
  bare WeasyPrint one-page Latin document: what a developer would write without
  this project (DejaVu Sans, inline CSS, no PDF/A, one ``FontConfiguration``
  kept between runs), rendered in the same run.
- A batch of 1,000 receipts run as ``make run`` runs it (the local backend's
  worker process and its pool of render processes): wall time per receipt
  against the single-process Latin render, how busy the cores were, and the
  memory of the worker and of the render processes over the batch (it must
  stay flat).
- Serving a stored PDF to a donor against GET /healthz.
"""

from __future__ import annotations

import os
import threading
import time
from decimal import Decimal

from common import Result, bench_app, load_note, paired

BATCH = int(os.environ.get("BENCH_RECEIPT_BATCH", "1000"))
LATIN = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<style>@page {{ size: A4; margin: 18mm 16mm 20mm }}
html {{ font-family: "DejaVu Sans"; font-size: 10.5pt; line-height: 1.5 }}
table {{ border-collapse: collapse; width: 100% }}
th, td {{ border-bottom: 0.5pt solid #999; padding: 1.5mm; text-align: left }}
</style></head><body>
<header class="doc-header"><div class="header-names"><p class="org-name-en">Sunshine
Community Volunteers</p><h1 class="doc-title">Donation receipt KF-2026-000001</h1>
</div></header><main class="doc-content"><table class="fields">{rows}</table>
<p>We thank you for your donation, received as listed above. This acknowledgment is
not an official receipt. Check it at https://example.org/receipts/verify/ABCD</p>
</main></body></html>"""


def _latin_html() -> str:
    rows = "".join(
        f"<tr><th>Field {n}</th><td>Value {n}: bottled water, 50 cases</td></tr>"
        for n in range(14)
    )
    return LATIN.format(rows=rows)


def seed(app, intakes: int):
    from tests.fixtures.receipts import seal_png
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.drives import services
    from volunteer_hub.drives.donors import find_or_create_donor
    from volunteer_hub.drives.intake import record_intake
    from volunteer_hub.extensions import db
    from volunteer_hub.organisation.services import create_organisation

    with app.app_context():
        org = create_organisation(
            name_zh="阳光社区志愿者协会",
            name_en="Sunshine Community Volunteers",
            registration_code="51440300MJL000000X",
            address="广东省深圳市南山区阳光路 88 号",
            jurisdiction="cn",
        )
        org.seal_image, org.seal_mime = seal_png(), "image/png"
        user = create_user(
            email="c@bench.example", name="李华", role="coordinator", password="x" * 12
        )
        drive = services.create_drive(
            title_zh="2026 年洪灾救援物资募集",
            title_en="Flood relief 2026",
            slug="flood",
            beneficiary="受灾群众",
        )
        items = [
            services.add_item(
                drive,
                name_zh=zh,
                name_en=en,
                unit=unit,
                target_quantity=Decimal(10**6),
                reference_unit_value=Decimal(value),
            )
            for zh, en, unit, value in (
                ("瓶装水", "Bottled water", "箱", 30),
                ("棉被", "Quilt", "床", 120),
            )
        ]
        services.set_drive_status(drive, "open")
        for n in range(intakes):
            donor = find_or_create_donor(name=f"捐赠人{n:04d}", phone=None)
            record_intake(
                drive,
                [
                    {
                        "item": items[n % 2],
                        "quantity_received": Decimal(5 + n % 40),
                        "quantity_accepted": Decimal(5 + n % 40),
                        "valuation_basis": "market",
                    }
                ],
                donor=donor,
                counted_by_1="李华",
                counted_by_2="王芳",
            )
            if n % 200 == 199:
                db.session.commit()
        db.session.commit()
        return drive.id, user.id


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def bare_weasyprint():
    """The outside baseline: one Latin page straight through WeasyPrint."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    html, fonts = _latin_html(), FontConfiguration()
    return lambda: weasyprint.HTML(string=html).write_pdf(font_config=fonts)


def one_page(app) -> list[Result]:
    from volunteer_hub.drives.models_stock import Intake
    from volunteer_hub.extensions import db
    from volunteer_hub.receipts import services
    from volunteer_hub.receipts.render import render_receipt

    results = []
    with app.test_request_context("/"):
        intake = db.session.get(Intake, 1)
        latin = bare_weasyprint()
        latin_size = len(latin())
        for language in ("zh", "bilingual"):
            draft = services.prepare_intake_receipt(intake, language=language)
            snapshot, _seq, _year = services.number_draft(draft, services.clock.now())
            seal = services.seal_of_organisation()

            def receipt(snapshot=snapshot, seal=seal):
                return render_receipt(snapshot, seal=seal, created=services.clock.now())

            # The receipt and the Latin page take turns (common.paired).
            pair = paired(receipt, latin, repeat=15)
            size = len(receipt())
            label = "Chinese" if language == "zh" else "Chinese + English"
            results.append(
                Result(
                    "receipts",
                    f"one-page receipt, {label}",
                    "bare WeasyPrint one-page Latin document",
                    pair.subject,
                    pair.baseline,
                    f"{size / 1024:.0f} KB (Latin baseline {latin_size / 1024:.0f} KB);"
                    f" {pair.cpu_note}; {load_note()}",
                )
            )
        db.session.rollback()
    return results


def photographed_seal(app) -> Result:
    """The Chinese receipt with a 1,000-px photographed seal uploaded by an
    admin (stored print-ready, see organisation/images.py), against the same
    receipt with the benchmark's 120-px seal."""
    from tests.fixtures.seals import photographed_seal as photo
    from volunteer_hub.drives.models_stock import Intake
    from volunteer_hub.extensions import db
    from volunteer_hub.organisation.services import current_organisation, set_image
    from volunteer_hub.receipts import services
    from volunteer_hub.receipts.render import render_receipt

    with app.test_request_context("/"):
        draft = services.prepare_intake_receipt(
            db.session.get(Intake, 1), language="zh"
        )
        snapshot, _seq, _year = services.number_draft(draft, services.clock.now())

        def receipt(seal):
            return lambda: render_receipt(
                snapshot, seal=seal, created=services.clock.now()
            )

        small = receipt(services.seal_of_organisation())
        set_image(current_organisation(), "seal", photo(1000), filename="seal.png")
        large = receipt(services.seal_of_organisation())
        pair = paired(large, small, repeat=9)
        sizes = len(small()) / 1024, len(large()) / 1024
        db.session.rollback()
    return Result(
        "receipts",
        "one-page receipt, Chinese, 1,000-px photographed seal uploaded",
        "the same receipt with a 120-px seal",
        pair.subject,
        pair.baseline,
        f"{sizes[1]:.0f} KB against {sizes[0]:.0f} KB; {pair.cpu_note}; {load_note()}",
    )


def batch(app, drive_id: int, user_id: int, latin_seconds: float) -> Result:
    """The batch as ``make run`` runs it: the local backend's worker process
    (``python -m volunteer_hub.jobs.worker``, started fresh, as for every job)
    and its pool of render processes. Timed from the worker's start to its
    end; CPU is the worker's and its render processes' (reaped, so counted in
    this process's children)."""
    from volunteer_hub.auth.models import User
    from volunteer_hub.drives.models import Drive
    from volunteer_hub.extensions import db
    from volunteer_hub.jobs import services as jobs
    from volunteer_hub.jobs.models import Job
    from volunteer_hub.receipts import batch as receipt_batch

    processes = os.cpu_count() or 1
    app.config.update(
        JOBS_BACKEND="local", RECEIPT_RENDER_PROCESSES=processes, JOBS_CHUNK=20
    )
    samples: list[tuple[float, int, int]] = []
    stop = threading.Event()

    def sample(pid: int):
        while not stop.wait(1.0):
            samples.append(
                (
                    time.monotonic(),
                    _rss_kb(pid),
                    max((_rss_kb(k) for k in _children(pid)), default=0),
                )
            )

    with app.app_context():
        keys = receipt_batch.intake_keys(db.session.get(Drive, drive_id))[:BATCH]
        job = jobs.create_job(
            receipt_batch.INTAKES_JOB,
            "bench",
            keys,
            by=db.session.get(User, user_id),
            params={"base_url": "https://vh.example"},
        )
        db.session.commit()
        cpu_before, start = sum(os.times()[2:4]), time.monotonic()
        worker = jobs.start_local_worker(job.id)
        sampler = threading.Thread(target=sample, args=(worker.pid,), daemon=True)
        sampler.start()
        worker.wait()
        wall = time.monotonic() - start
        stop.set()
        sampler.join()
        cpu = sum(os.times()[2:4]) - cpu_before
        db.session.expire_all()
        job = db.session.get(Job, job.id)
        done = job.done
    tenth = samples[max(len(samples) // 10, 0)] if samples else (0, 0, 0)
    last = samples[-1] if samples else (0, 0, 0)
    worker_peak = max((s[2] for s in samples), default=0)
    note = (
        f"{done} issued in {wall:.0f} s by the local worker process with {processes}"
        f" render processes; cores busy {cpu / wall / processes:.0%} (CPU"
        f" {cpu:.0f} s); worker RSS {tenth[1] / 1024:.0f} MB at 10% →"
        f" {last[1] / 1024:.0f} MB at the end; render processes"
        f" {tenth[2] / 1024:.0f} MB at 10% → {last[2] / 1024:.0f} MB at the end,"
        f" peak {worker_peak / 1024:.0f} MB; {load_note()}"
    )
    return Result(
        "receipts",
        f"batch of {done:,} receipts, per receipt",
        "bare WeasyPrint one-page Latin document, one process",
        wall / max(done, 1),
        latin_seconds,
        note,
    )


def download(app) -> Result:
    from volunteer_hub.extensions import db
    from volunteer_hub.receipts import access
    from volunteer_hub.receipts.models import Receipt

    with app.app_context():
        receipt = db.session.get(Receipt, 1)
        from volunteer_hub.drives.models import Donor

        secret = access.create_link(db.session.get(Donor, receipt.donor_id))
        db.session.commit()
        path = f"/receipts/my/{secret}/{receipt.id}.pdf"
    client = app.test_client()
    pair = paired(lambda: client.get(path), lambda: client.get("/healthz"), repeat=50)
    return Result(
        "receipts",
        "donor downloads a stored PDF",
        "GET /healthz",
        pair.subject,
        pair.baseline,
        "stored bytes, ETag, Cache-Control immutable",
    )


def run() -> list[Result]:
    app = bench_app("receipts")
    drive_id, user_id = seed(app, BATCH + 1)
    results = one_page(app)
    results.append(photographed_seal(app))
    latin = results[0].baseline_seconds
    results.append(batch(app, drive_id, user_id, latin))
    results.append(download(app))
    return results
