"""The shell itself: a staff page against the health check (one SELECT 1)."""

from common import Result, bench_app, logged_in_client, median_seconds


def run() -> list[Result]:
    app = bench_app("shell")
    with app.app_context():
        from volunteer_hub.extensions import db
        from volunteer_hub.organisation.services import create_organisation

        create_organisation(name_zh="基准测试协会", name_en="Bench Association")
        db.session.commit()
    client = logged_in_client(app, "admin")
    baseline = median_seconds(lambda: client.get("/healthz"), repeat=50)
    subject = median_seconds(lambda: client.get("/"), repeat=50)
    return [
        Result("shell", "staff home page", "GET /healthz", subject, baseline),
    ]
