"""A real SMTP server on loopback (aiosmtpd) for the sending path."""

import email
import email.policy
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


class Collector:
    """Keeps every message the server receives, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, msg))
        return "250 Message accepted for delivery"


class LoopbackController(Controller):
    """Listens on a port the OS chooses (port=0). The base class's start-up check connects to ``self.port``,
    so set it to the bound port first (aiosmtpd 1.4 has no option for this)."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class Mailbox:
    collector: Collector
    port: int
    messages: list = field(default_factory=list)

    def delivered(self):
        return self.collector.messages

    @staticmethod
    def text(msg) -> str:
        return msg.get_body(preferencelist=("plain",)).get_content()

    @staticmethod
    def html(msg) -> str:
        return msg.get_body(preferencelist=("html",)).get_content()


@pytest.fixture
def smtp_server(settings):
    collector = Collector()
    controller = LoopbackController(collector, hostname="127.0.0.1", port=0)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.GOLDTHREAD_BASE_URL = "https://goldthread.test"
    try:
        yield Mailbox(collector, controller.port)
    finally:
        controller.stop()
