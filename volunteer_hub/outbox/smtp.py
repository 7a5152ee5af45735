"""The connection to the mail server: STARTTLS (port 587) or implicit TLS (465).

QQ, 163 and Aliyun mail accept only implicit TLS on port 465
(``MAIL_USE_SSL``); most other servers take STARTTLS on 587 (``MAIL_USE_TLS``).
Either way the server's certificate is verified against the system's
certificate store (smtplib's own default context does not verify).
"""

from __future__ import annotations

import smtplib
import ssl

TIMEOUT = 20


def connect(config) -> smtplib.SMTP:
    """An open, logged-in SMTP connection; raises OSError or SMTPException."""
    context = ssl.create_default_context()
    address = (config["MAIL_SERVER"], config["MAIL_PORT"])
    if config.get("MAIL_USE_SSL"):
        connection = smtplib.SMTP_SSL(*address, timeout=TIMEOUT, context=context)
    else:
        connection = smtplib.SMTP(*address, timeout=TIMEOUT)
    try:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            connection.starttls(context=context)
        if config.get("MAIL_USERNAME"):
            connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    except BaseException:
        connection.close()
        raise
    return connection
