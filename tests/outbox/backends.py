"""Email backends for tests: a mail server that is down, and one that refuses the message."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusedBackend(BaseEmailBackend):
    """Nothing is listening: what a mail outage looks like from here."""

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


class SMTPErrorBackend(BaseEmailBackend):
    """The server answers but will not take the message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
