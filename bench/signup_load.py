"""Load for the sign-up benchmark: concurrent clients posting distinct sign-ups.

Each client is a thread with its own connection (the standard library's
``http.client``: nothing to install, and cheaper per request than
``requests``), its own address in ``X-Forwarded-For`` (the server trusts one
proxy, as behind nginx) and its own session. It GETs ``/signup`` once for the
session cookie and the CSRF token, then POSTs valid sign-ups with phone
numbers no one else uses, until the time is up. A sign-up counts as accepted
only when the answer is the redirect to ``/signup/done``; anything else (an
error status, the form again, a dropped connection) is an error.
"""

from __future__ import annotations

import http.client
import re
import secrets
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
SPECIALTY = re.compile(r'name="specialties" value="(\d+)"')
# Names take letters only: a surname per client, then the sequence in characters.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖"
DIGITS = "零一二三四五六七八九"
LANGUAGE = "zh-CN,zh;q=0.9,en;q=0.8"


@dataclass
class Tally:
    """What the clients saw; ``latencies`` are those inside the measured windows."""

    accepted: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    client_cpu: float = 0.0  # the load generator's own CPU time
    server_cpu: float = 0.0  # the server's processes' CPU time (filled by the bench)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, p: int) -> float:
        return statistics.quantiles(self.latencies, n=100)[p - 1]


class Client:
    """One phone: a connection, a session cookie and a sequence of sign-ups."""

    def __init__(self, port: int, number: int):
        self.number = number
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""
        self.address = f"10.17.{number // 200}.{number % 200 + 1}"
        self.sequence = 0

    def request(self, method: str, path: str, body: str | None = None):
        # What a phone's browser sends (WeChat's included): its language.
        headers = {"X-Forwarded-For": self.address, "Accept-Language": LANGUAGE}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.msg.get_all("Set-Cookie") or ():
            if value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        return response, text

    def open_form(self) -> None:
        response, page = self.request("GET", "/signup")
        if response.status != 200:
            raise RuntimeError(f"GET /signup answered {response.status}")
        token = CSRF.search(page)
        self.csrf = token.group(1) if token else ""
        self.specialties = SPECIALTY.findall(page)

    @staticmethod
    def spell(sequence: int) -> str:
        return "".join(DIGITS[int(digit)] for digit in str(sequence))

    def form(self, sequence: int) -> tuple[str, str]:
        """A valid sign-up and its phone number (11 digits, unique per client)."""
        phone = f"138{self.number:02d}{sequence:06d}"
        data = [
            ("csrf_token", self.csrf),
            ("token", secrets.token_urlsafe(32)),
            ("name", SURNAMES[self.number % len(SURNAMES)] + self.spell(sequence)),
            ("phone", phone),
            ("district", "南山区粤海街道"),
            ("consent", "y"),
        ]
        if self.specialties:
            count = len(self.specialties)
            first = self.specialties[sequence % count]
            second = self.specialties[(sequence + 5) % count]
            data += [("specialties", first), (f"level_{first}", "experienced")]
            data += [("specialties", second), (f"level_{second}", "interested")]
        return urlencode(data), phone

    def sign_up(self) -> tuple[str, str | None]:
        """``(phone, None)`` when accepted, ``(phone, what went wrong)`` otherwise."""
        self.sequence += 1
        body, phone = self.form(self.sequence)
        try:
            response, _page = self.request("POST", "/signup", body)
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            return phone, f"{type(error).__name__}: {error}"
        location = response.getheader("Location") or ""
        if response.status in (302, 303) and location.endswith("/signup/done"):
            return phone, None
        return phone, f"{response.status} {location or 'the form again'}"


def clients(port: int, count: int) -> list[Client]:
    """``count`` clients, each with the form open."""
    members = [Client(port, n) for n in range(count)]
    for member in members:
        member.open_form()
    return members


def run_load(members: list[Client], tally: Tally, seconds: float, warmup: float):
    """Every client posts for ``warmup + seconds``; answers that arrive in the
    last ``seconds`` are timed, every accepted sign-up is kept for the check."""
    lock = threading.Lock()
    start, cpu = time.perf_counter(), time.process_time()
    window = (start + warmup, start + warmup + seconds)

    def work(member: Client) -> None:
        while time.perf_counter() < window[1]:
            began = time.perf_counter()
            phone, problem = member.sign_up()
            ended = time.perf_counter()
            with lock:
                if problem is None:
                    tally.accepted.append(phone)
                else:
                    tally.errors.append(problem)
                if window[0] <= ended <= window[1]:
                    tally.latencies.append(ended - began)

    threads = [threading.Thread(target=work, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally.seconds += seconds
    tally.client_cpu += time.process_time() - cpu
