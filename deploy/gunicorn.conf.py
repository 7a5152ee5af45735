"""gunicorn settings for Volunteer Hub: ``make run`` and the systemd unit use this.

``HOST``, ``PORT`` and ``WEB_CONCURRENCY`` (number of worker processes) override.
"""

import os

wsgi_app = "wsgi:app"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
# Each worker renders PDFs on one core; one more than the cores keeps them busy
# while another waits for the database.
workers = int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)
worker_class = "sync"
# A receipt or report PDF takes a second or two; a busy SQLite write queue more.
timeout = 120
graceful_timeout = 30
keepalive = 5
# Only TRUSTED_PROXIES (Werkzeug's ProxyFix in the application) decides which
# forwarded headers to believe; gunicorn's own handling would trust any local
# caller.
forwarded_allow_ips = ""
secure_scheme_headers = {}
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


def post_worker_init(worker):
    """Move everything the application loaded at start out of the garbage
    collector's view: the collections a request triggers then walk only what
    that request made, not the whole application (the render processes of the
    receipt batches do the same; bench/NOTES.md, issue 17)."""
    import gc

    gc.collect()
    gc.freeze()
